using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>The write rules of the generic registry: naming, preconditions, immutable and subresource fields.</summary>
public sealed partial class InMemoryObjectStore
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    // metadata fields a client cannot change with an update.
    private static readonly string[] ImmutableMeta =
        ["name", "namespace", "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"];

    private static string AssignName(ResourceType type, JsonObject meta)
    {
        var name = meta["name"] is JsonValue n && n.TryGetValue(out string? given) ? given : "";
        if (name.Length == 0 && meta["generateName"] is JsonValue g && g.TryGetValue(out string? prefix) && prefix.Length > 0)
        {
            // The real server appends five random characters from this consonant-and-digit alphabet.
            name = prefix + new string([.. Enumerable.Range(0, 5).Select(_ => GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)])]);
            meta["name"] = name;
        }

        if (name.Length == 0)
        {
            throw StoreErrors.Invalid(type, "", "metadata.name", "Required value: name or generateName is required");
        }

        if (NameRules.Problem(type, name) is { } problem)
        {
            throw StoreErrors.Invalid(type, name, "metadata.name", problem);
        }

        return name;
    }

    private static void CheckPreconditions(ResourceType type, JsonObject obj, JsonObject stored)
    {
        var name = stored.Name();
        if (obj.ResourceVersion() is { } wanted && wanted != stored.ResourceVersion())
        {
            throw StoreErrors.Conflict(type, name);
        }

        if (obj.MetaString("uid") is { Length: > 0 } uid && uid != stored.MetaString("uid"))
        {
            throw StoreErrors.UidMismatch(type, name, uid, stored.MetaString("uid") ?? "");
        }
    }

    // The status subresource: only status comes from the request (and the managedFields recording who wrote it).
    private static JsonObject WithStatusOf(JsonObject stored, JsonObject obj)
    {
        var next = Copy(stored);
        if (obj["metadata"]?["managedFields"] is { } managedFields)
        {
            next.Metadata()["managedFields"] = managedFields.DeepClone();
        }

        if (obj["status"] is { } status)
        {
            next["status"] = status.DeepClone();
        }
        else
        {
            next.Remove("status");
        }

        return next;
    }

    // The main resource: everything but immutable metadata, and (where a status subresource exists) status.
    private static JsonObject WithImmutableFieldsOf(ResourceType type, JsonObject stored, JsonObject obj)
    {
        var next = Copy(obj);
        next["apiVersion"] ??= stored["apiVersion"]?.DeepClone();
        next["kind"] ??= stored["kind"]?.DeepClone();
        var meta = next.Metadata();
        var storedMeta = stored.Metadata();
        foreach (var field in ImmutableMeta)
        {
            if (storedMeta[field] is { } value)
            {
                meta[field] = value.DeepClone();
            }
            else
            {
                meta.Remove(field);
            }
        }

        if (type.Subresources.Contains("status"))
        {
            next.Remove("status");
            if (stored["status"] is { } status)
            {
                next["status"] = status.DeepClone();
            }
        }

        return next;
    }

    // generation tracks the desired state: everything except metadata, status and the type fields.
    private static bool ContentChanged(JsonObject stored, JsonObject next)
    {
        static IEnumerable<KeyValuePair<string, JsonNode?>> Content(JsonObject o) =>
            o.Where(p => p.Key is not ("metadata" or "status" or "apiVersion" or "kind"));

        var before = new JsonObject(Content(stored).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        var after = new JsonObject(Content(next).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
        return !JsonNode.DeepEquals(before, after);
    }
}
