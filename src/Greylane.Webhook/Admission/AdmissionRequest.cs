using System.Text.Json;
using Greylane.Core.Admission;

namespace Greylane.Webhook.Admission;

/// <summary>The part of an AdmissionReview <c>request</c> the webhook uses; the objects stay views into the parsed body.</summary>
internal sealed record AdmissionRequest(
    string Uid,
    string ApiVersion,
    GroupVersionKind Kind,
    AdmissionOperation Operation,
    string? Namespace,
    string? Name,
    JsonElement? Object,
    JsonElement? OldObject,
    bool DryRun);

/// <summary>Kubernetes' GroupVersionKind as the review spells it (<c>request.kind</c>).</summary>
internal sealed record GroupVersionKind(string Group, string Version, string Kind)
{
    public override string ToString() => Group.Length == 0 ? $"{Version}/{Kind}" : $"{Group}/{Version}/{Kind}";
}
