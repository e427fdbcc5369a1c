using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>Request-shape checks of the write path and the dry-run view of a create.</summary>
internal sealed partial class ResourceWriter
{
    private static void CheckTypeFields(ResourceType type, JsonObject body)
    {
        var kind = body["kind"] is JsonValue k && k.TryGetValue(out string? kindText) ? kindText : null;
        var apiVersion = body["apiVersion"] is JsonValue a && a.TryGetValue(out string? versionText) ? versionText : null;
        if (kind is not null && kind != type.Kind)
        {
            throw ApiException.BadRequest(
                $"the object provided is unrecognized (must be of type {type.Kind}): kind \"{kind}\" was sent to the {type.QualifiedResource()} endpoint");
        }

        if (apiVersion is not null && apiVersion != type.ApiVersion)
        {
            throw ApiException.BadRequest(
                $"the API version in the data ({apiVersion}) does not match the expected API version ({type.ApiVersion})");
        }

        body["apiVersion"] = type.ApiVersion;
        body["kind"] = type.Kind;
    }

    private static void CheckName(JsonObject body, string name)
    {
        var given = body.Name();
        if (given.Length == 0)
        {
            body.Metadata()["name"] = name;
        }
        else if (given != name)
        {
            throw ApiException.BadRequest($"the name of the object ({given}) does not match the name on the URL ({name})");
        }
    }

    private JsonObject DryRunCreate(ResourceType type, JsonObject obj)
    {
        var name = obj.Name();
        if (name.Length == 0 && obj.MetaString("generateName") is { Length: > 0 } prefix)
        {
            name = prefix + "dryrun";
            obj.Metadata()["name"] = name;
        }

        if (name.Length == 0)
        {
            throw ApiException.From(StoreErrors.Invalid(type, "", "metadata.name", "Required value: name or generateName is required"), type, "");
        }

        if (NameRules.Problem(type, name) is { } problem)
        {
            throw ApiException.From(StoreErrors.Invalid(type, name, "metadata.name", problem), type, name);
        }

        if (store.Get(type, obj.Namespace(), name) is not null)
        {
            throw ApiException.From(StoreErrors.AlreadyExists(type, name), type, name);
        }

        var meta = obj.Metadata();
        meta["uid"] = Guid.NewGuid().ToString();
        meta["generation"] = 1;
        return obj;
    }

    // Like kube-apiserver's managed-fields admission guard: a webhook that leaves managedFields undecodable has them
    // put back as they were before admission.
    private static void ManagedFieldsAfterAdmission(JsonObject admitted, JsonNode? before)
    {
        try
        {
            Apply.ManagedFields.Decode(admitted["metadata"]?["managedFields"]);
        }
        catch (FormatException)
        {
            if (before is null)
                admitted.Metadata().Remove("managedFields");
            else
                admitted.Metadata()["managedFields"] = before.DeepClone();
        }
    }

    private static string ReasonFor(int code) => code switch
    {
        400 => "BadRequest",
        401 => "Unauthorized",
        404 => "NotFound",
        409 => "Conflict",
        422 => "Invalid",
        429 => "TooManyRequests",
        500 => "InternalError",
        503 => "ServiceUnavailable",
        504 => "Timeout",
        _ => "Forbidden",
    };
}
