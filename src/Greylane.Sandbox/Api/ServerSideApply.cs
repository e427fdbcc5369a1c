using System.Text.Json.Nodes;
using Greylane.Sandbox.Apply;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// PATCH with <c>application/apply-patch+yaml</c>, as kube-apiserver's apply patcher: the configuration is merged into
/// the live object by the field manager (which takes ownership, reports conflicts and prunes what the applier
/// dropped), or creates the object when there is none; the result then goes through the ordinary write path
/// (defaulting, mutating admission, validation, store), its managedFields already recorded.
/// </summary>
internal sealed class ServerSideApply(InMemoryObjectStore store, ResourceWriter writer, FieldManagement fields)
{
    private const int Attempts = 5;

    public async Task<WriteResult> ApplyAsync(
        ResourceType type, string? ns, string name, string? sub, JsonObject config, bool force, WriteOptions options, CancellationToken ct)
    {
        if (sub == "scale")
        {
            throw ApiException.UnsupportedMediaType(
                "server-side apply to the scale subresource is not emulated by the Greylane sandbox; apply spec.replicas to the object itself, or patch the scale with a merge patch");
        }

        CheckIdentity(type, ns, name, config);
        var applied = options with { Applied = true };
        for (var attempt = 1; ; attempt++)
        {
            var stored = store.Get(type, ns, name);
            if (stored is null && sub is not null)
            {
                throw ApiException.From(StoreErrors.NotFound(type, name), type, name);
            }

            var live = stored is null ? null : ResourceReader.AsServed(type, (JsonObject)stored.DeepClone());
            var merged = Merge(type, sub, live, config, force, options.Manager);
            if (stored is null)
            {
                if (config.MetaString("uid") is { Length: > 0 } uid)
                {
                    throw ApiException.From(new StoreException(409, "Conflict",
                        $"Operation cannot be fulfilled on {type.QualifiedResource()} \"{name}\": uid mismatch: the provided object specified uid {uid}, and no existing object was found"), type, name);
                }

                return await writer.CreateAsync(type, ns, merged, applied, ct);
            }

            var pinned = config.ResourceVersion() is not null;
            try
            {
                return await writer.UpdateFromAsync(type, sub, stored, merged, applied, ct);
            }
            catch (ApiException ex) when (ex.Reason == "Conflict" && !pinned && attempt < Attempts)
            {
                // Someone wrote between our read and write: merge again against the fresh object.
            }
        }
    }

    private JsonObject Merge(ResourceType type, string? sub, JsonObject? live, JsonObject config, bool force, string manager)
    {
        try
        {
            return fields.For(type, sub).Apply(live, (JsonObject)config.DeepClone(), manager, force);
        }
        catch (ApplyConflictException ex)
        {
            throw Conflict(ex);
        }
        catch (ApplyRequestException ex)
        {
            throw ApiException.BadRequest(ex.Message);
        }
    }

    // apiserver's checkName and EnsureObjectNamespaceMatchesRequestNamespace, on the applied configuration.
    private static void CheckIdentity(ResourceType type, string? ns, string name, JsonObject config)
    {
        if (config.Name() != name)
        {
            throw ApiException.BadRequest($"the name of the object ({config.Name()}) does not match the name on the URL ({name})");
        }

        if (type.Namespaced && config.Namespace() is { } given && given != ns)
        {
            throw ApiException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
    }

    // errors.NewApplyConflict: 409 with one FieldManagerConflict cause per field, and no object details.
    private static ApiException Conflict(ApplyConflictException ex) => new(409, "Conflict", ex.Message, new JsonObject
    {
        ["causes"] = new JsonArray([.. ConflictMessage.Causes(ex.Conflicts).Select(c => (JsonNode)new JsonObject
        {
            ["reason"] = "FieldManagerConflict",
            ["message"] = c.Message,
            ["field"] = c.Field,
        })]),
    });
}
