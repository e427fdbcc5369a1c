using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// PATCH: applies a JSON, merge or strategic-merge patch to the current object (or its Scale) and writes the result
/// through the normal update path; server-side apply (<c>application/apply-patch+yaml</c>) goes to
/// <see cref="ServerSideApply"/>. Without a resourceVersion in the patch, a conflicting concurrent write is retried on
/// the fresh object, as the real server's GuaranteedUpdate does.
/// </summary>
internal sealed class PatchApplier(InMemoryObjectStore store, ResourceRegistry registry, ResourceWriter writer, FieldManagement fields)
{
    public const string ApplyYaml = "application/apply-patch+yaml";
    public const string ApplyCbor = "application/apply-patch+cbor";

    private const int Attempts = 5;

    private const string Accepted =
        "accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json";

    private readonly ServerSideApply _apply = new(store, writer, fields);

    /// <summary>The patch type named by a Content-Type, refusing the ones the server does not take for this resource.</summary>
    public string PatchKind(ResourceType type, string? contentType)
    {
        var media = (contentType ?? "").Split(';')[0].Trim().ToLowerInvariant();
        return media switch
        {
            "application/json-patch+json" or "application/merge-patch+json" or ApplyYaml => media,
            "application/strategic-merge-patch+json" when registry.Custom(type) is null => media,
            "application/strategic-merge-patch+json" => throw ApiException.UnsupportedMediaType(
                $"the body of the request was in an unknown format - strategic merge patch is not supported for custom resources ({type.QualifiedResource()}); {Accepted.Replace(", application/strategic-merge-patch+json", "", StringComparison.Ordinal)}"),
            ApplyCbor => throw ApiException.UnsupportedMediaType(
                $"the body of the request was in an unknown format - {Accepted}; the Greylane sandbox takes server-side apply as YAML or JSON ({ApplyYaml}), not CBOR (kube-apiserver accepts {ApplyCbor} only behind the CBORServingAndStorage feature gate)"),
            _ => throw ApiException.UnsupportedMediaType($"the body of the request was in an unknown format - {Accepted}"),
        };
    }

    public async Task<WriteResult> PatchAsync(
        ResourceType type, string? ns, string name, string? sub, string kind, JsonNode patch, QueryOptions query, WriteOptions options, CancellationToken ct)
    {
        PatchOptionsCheck.Validate(kind, query);
        if (kind == ApplyYaml)
        {
            return await _apply.ApplyAsync(type, ns, name, sub, patch as JsonObject
                ?? throw ApiException.BadRequest("error decoding YAML: the applied configuration must be an object"), query.Force ?? false, options, ct);
        }

        for (var attempt = 1; ; attempt++)
        {
            var stored = store.Get(type, ns, name) ?? throw ApiException.From(StoreErrors.NotFound(type, name), type, name);
            var target = sub == "scale" ? ScaleView.From(stored) : ResourceReader.AsServed(type, (JsonObject)stored.DeepClone());
            var patched = Apply(kind, type, target, patch);
            if (patched.Name() != name)
            {
                throw ApiException.BadRequest($"the name of the object ({patched.Name()}) does not match the name on the URL ({name})");
            }

            var pinned = patched.ResourceVersion() is { } rv && rv != target.ResourceVersion();
            try
            {
                return sub == "scale"
                    ? await writer.WriteScaleAsync(type, stored, patched, options, ct)
                    : await writer.UpdateFromAsync(type, sub, stored, patched, options, ct);
            }
            catch (ApiException ex) when (ex.Reason == "Conflict" && !pinned && attempt < Attempts)
            {
                // Someone wrote between our read and write; the patch did not pin a version, so apply it again.
            }
        }
    }

    private static JsonObject Apply(string kind, ResourceType type, JsonObject target, JsonNode patch)
    {
        try
        {
            var result = kind switch
            {
                "application/json-patch+json" => JsonPatch.Apply(target, patch as JsonArray
                    ?? throw ApiException.BadRequest("a JSON patch must be a JSON array of operations")),
                "application/merge-patch+json" => MergePatch.Apply(target, patch),
                _ => StrategicMergePatch.Apply(target, patch as JsonObject
                    ?? throw ApiException.BadRequest("a strategic merge patch must be a JSON object"), type),
            };
            return result as JsonObject ?? throw ApiException.BadRequest("the patch must leave a JSON object");
        }
        catch (PatchException ex)
        {
            throw PatchFailure(ex);
        }
    }

    // Like the real server's NewGenericServerResponse: the cause alone, no object details.
    private static ApiException PatchFailure(PatchException ex) =>
        new(ex.Code, ex.Reason, ex.Message, ex.Cause is { } cause ? new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["message"] = cause }) } : null);
}
