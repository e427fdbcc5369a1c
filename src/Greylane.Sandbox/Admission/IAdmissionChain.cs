using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Admission;

/// <summary>Calls the stored MutatingWebhookConfigurations for a write, as kube-apiserver does before persisting it.</summary>
public interface IAdmissionChain
{
    /// <summary>Runs every matching webhook in order and returns the (possibly patched) object or a rejection.</summary>
    Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken);
}

/// <summary>
/// What is being written: operation (CREATE, UPDATE, DELETE), resource, the new and old objects, who asks, and the
/// request's field manager (reported in the review's options).
/// </summary>
public sealed record AdmissionAttributes(
    string Operation,
    ResourceType Resource,
    string? SubResource,
    string? Namespace,
    string Name,
    JsonObject? Object,
    JsonObject? OldObject,
    bool DryRun,
    string UserName,
    string? FieldManager = null);

/// <summary>
/// The verdict: allowed with the object to persist and warnings for the client (<c>Warning:</c> headers),
/// or denied with the HTTP code and message of the Status the API server returns.
/// </summary>
public sealed record AdmissionOutcome(
    bool Allowed,
    JsonObject? Object,
    IReadOnlyList<string> Warnings,
    int Code = 200,
    string? Reason = null,
    string? Message = null);
