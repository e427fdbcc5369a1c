using System.Text.Json;
using Greylane.Core.Admission;

namespace Greylane.Webhook.Admission;

/// <summary>Reads an AdmissionReview body, or says exactly what is wrong with it: the field, what it holds, what it must hold.</summary>
internal static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    private const string Operations = "CREATE, UPDATE, DELETE or CONNECT";

    /// <summary>The request, or null with <paramref name="problem"/>. Every string in <paramref name="root"/> must be text (<see cref="ReviewText"/>).</summary>
    public static AdmissionRequest? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the body is JSON but not an object; send an AdmissionReview";
            return null;
        }

        if (Text(root, "apiVersion") != ApiVersion || Text(root, "kind") != Kind)
        {
            problem = $"expected kind {Kind} apiVersion {ApiVersion}, got kind {Shown(root, "kind")} apiVersion {Shown(root, "apiVersion")}";
            return null;
        }

        if (!root.TryGetProperty("request", out var request) || request.ValueKind == JsonValueKind.Null)
        {
            problem = "request is missing; an AdmissionReview sent to a webhook carries request";
            return null;
        }

        if (request.ValueKind != JsonValueKind.Object)
        {
            problem = $"request is {JsonFields.Describe(request)}; expected an object";
            return null;
        }

        var fields = new JsonFields("request");
        var uid = fields.Text(request, "uid");
        if (fields.Problem is not null || uid is not { Length: > 0 })
        {
            problem = fields.Problem is { } wrong
                ? $"{wrong}, which the answer must echo"
                : "request.uid is missing; the API server always sends one and it must be echoed";
            return null;
        }

        var gvk = Gvk(request, fields);
        if (gvk is not { Group: "apps", Kind: "Deployment" })
        {
            problem = fields.Problem ?? $"request.kind is '{gvk}', this endpoint judges apps/v1 Deployment only; check the webhook's rules";
            return null;
        }

        var operation = OperationOf(request, fields);
        var ns = fields.Text(request, "namespace");
        var name = fields.Text(request, "name");
        var dryRun = fields.Flag(request, "dryRun");
        var newObject = DeploymentOrNull(request, "object", fields);
        var oldObject = DeploymentOrNull(request, "oldObject", fields);
        problem = fields.Problem;
        return problem is null
            ? new AdmissionRequest(uid, ApiVersion, gvk, operation!.Value, ns, name, newObject, oldObject, dryRun)
            : null;
    }

    private static GroupVersionKind? Gvk(JsonElement request, JsonFields fields)
    {
        if (fields.Object(request, "kind", required: true) is not { } kind)
        {
            return null;
        }

        var gvk = new GroupVersionKind(fields.Text(kind, "kind.group") ?? "", fields.Text(kind, "kind.version") ?? "", fields.Text(kind, "kind.kind") ?? "");
        return fields.Problem is null ? gvk : null;
    }

    private static AdmissionOperation? OperationOf(JsonElement request, JsonFields fields)
    {
        var text = fields.Text(request, "operation");
        AdmissionOperation? operation = text switch
        {
            "CREATE" => AdmissionOperation.Create,
            "UPDATE" => AdmissionOperation.Update,
            "DELETE" => AdmissionOperation.Delete,
            "CONNECT" => AdmissionOperation.Connect,
            _ => null,
        };
        if (operation is null && fields.Problem is null)
        {
            fields.Report(text is null
                ? $"request.operation is missing; expected {Operations}"
                : $"request.operation '{text}' is not {Operations}");
        }

        return operation;
    }

    // The objects stay views into the body; what is inside them is the decider's to judge (DeploymentView).
    private static JsonElement? DeploymentOrNull(JsonElement request, string field, JsonFields fields)
    {
        if (!request.TryGetProperty(field, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            fields.Report($"request.{field} is {JsonFields.Describe(value)}; expected a Deployment object or null");
            return null;
        }

        return value;
    }

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string Shown(JsonElement obj, string field) =>
        !obj.TryGetProperty(field, out var value) ? "(none)"
        : value.ValueKind == JsonValueKind.String ? $"'{value.GetString()}'"
        : JsonFields.Describe(value);
}
