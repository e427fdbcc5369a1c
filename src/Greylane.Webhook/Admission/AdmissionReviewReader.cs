using System.Text.Json;
using Greylane.Core.Admission;

namespace Greylane.Webhook.Admission;

/// <summary>Reads an AdmissionReview body, or says exactly what is wrong with it.</summary>
internal static class AdmissionReviewReader
{
    public const string ApiVersion = "admission.k8s.io/v1";
    public const string Kind = "AdmissionReview";

    public static AdmissionRequest? Read(JsonElement root, out string? problem)
    {
        problem = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            problem = "the body is JSON but not an object; send an AdmissionReview";
            return null;
        }

        var apiVersion = Text(root, "apiVersion");
        var kind = Text(root, "kind");
        if (kind != Kind || apiVersion != ApiVersion)
        {
            problem = $"expected kind {Kind} apiVersion {ApiVersion}, got kind '{kind}' apiVersion '{apiVersion}'";
            return null;
        }

        if (!root.TryGetProperty("request", out var request) || request.ValueKind != JsonValueKind.Object)
        {
            problem = "request is missing; an AdmissionReview sent to a webhook carries request";
            return null;
        }

        if (Text(request, "uid") is not { Length: > 0 } uid)
        {
            problem = "request.uid is missing; the API server always sends one and it must be echoed";
            return null;
        }

        var gvk = Gvk(request, "kind");
        if (gvk is not { Group: "apps", Kind: "Deployment" })
        {
            problem = $"request.kind is '{gvk}', this endpoint judges apps/v1 Deployment only; check the webhook's rules";
            return null;
        }

        var operation = Text(request, "operation") switch
        {
            "CREATE" => AdmissionOperation.Create,
            "UPDATE" => AdmissionOperation.Update,
            "DELETE" => AdmissionOperation.Delete,
            "CONNECT" => AdmissionOperation.Connect,
            var other => (AdmissionOperation?)null,
        };
        if (operation is null)
        {
            problem = $"request.operation '{Text(request, "operation")}' is not CREATE, UPDATE, DELETE or CONNECT";
            return null;
        }

        var dryRun = request.TryGetProperty("dryRun", out var d) && d.ValueKind == JsonValueKind.True;
        return new AdmissionRequest(
            uid, apiVersion, gvk, operation.Value, Text(request, "namespace"), Text(request, "name"),
            Obj(request, "object"), Obj(request, "oldObject"), dryRun);
    }

    private static GroupVersionKind? Gvk(JsonElement request, string field) =>
        request.TryGetProperty(field, out var k) && k.ValueKind == JsonValueKind.Object
            ? new GroupVersionKind(Text(k, "group") ?? "", Text(k, "version") ?? "", Text(k, "kind") ?? "")
            : null;

    private static JsonElement? Obj(JsonElement request, string field) =>
        request.TryGetProperty(field, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
