using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.OpenApi;

/// <summary>
/// A minimal OpenAPI v3: per group-version, the object paths with their PATCH operation tagged with
/// <c>x-kubernetes-group-version-kind</c> and the <c>fieldValidation</c> parameter. That is what kubectl looks up
/// to choose server-side field validation instead of downloading schemas for client-side validation. No PATCH
/// operation advertises strategic merge, so kubectl computes its patches from its built-in types (and merge patches
/// for custom resources), as it does without OpenAPI.
/// </summary>
internal static class OpenApiV3Documents
{
    public static JsonObject Root(IReadOnlyList<ResourceType> types)
    {
        var paths = new JsonObject();
        foreach (var group in types.GroupBy(t => (t.Group, t.Version)))
        {
            var prefix = PathPrefix(group.Key.Group, group.Key.Version);
            paths[prefix.TrimStart('/')] = new JsonObject { ["serverRelativeURL"] = $"/openapi/v3{prefix}?hash={Hash(group)}" };
        }

        return new JsonObject { ["paths"] = paths };
    }

    /// <summary>The document for <c>api/v1</c> or <c>apis/{group}/{version}</c>, or null when nothing is served there.</summary>
    public static JsonObject? GroupVersion(string path, IReadOnlyList<ResourceType> types)
    {
        var served = types.Where(t => PathPrefix(t.Group, t.Version).TrimStart('/') == path.Trim('/')).ToList();
        if (served.Count == 0)
        {
            return null;
        }

        var paths = new JsonObject();
        foreach (var type in served)
        {
            var prefix = PathPrefix(type.Group, type.Version);
            var collection = type.Namespaced ? $"{prefix}/namespaces/{{namespace}}/{type.Plural}" : $"{prefix}/{type.Plural}";
            paths[$"{collection}/{{name}}"] = new JsonObject { ["patch"] = PatchOperation(type) };
        }

        return new JsonObject
        {
            ["openapi"] = "3.0.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = "v1.32.0" },
            ["paths"] = paths,
            ["components"] = new JsonObject { ["schemas"] = new JsonObject() },
        };
    }

    private static JsonObject PatchOperation(ResourceType type) => new()
    {
        ["operationId"] = $"patch{type.Kind}",
        ["parameters"] = new JsonArray(
            Query("dryRun"), Query("fieldManager"), Query("fieldValidation"), Query("force")),
        ["requestBody"] = new JsonObject
        {
            ["content"] = new JsonObject
            {
                ["application/json-patch+json"] = new JsonObject { ["schema"] = new JsonObject() },
                ["application/merge-patch+json"] = new JsonObject { ["schema"] = new JsonObject() },
            },
            ["required"] = true,
        },
        ["responses"] = new JsonObject { ["200"] = new JsonObject { ["description"] = "OK" } },
        ["x-kubernetes-action"] = "patch",
        ["x-kubernetes-group-version-kind"] = new JsonObject { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind },
    };

    private static JsonObject Query(string name) => new()
    {
        ["name"] = name,
        ["in"] = "query",
        ["schema"] = new JsonObject { ["type"] = "string", ["uniqueItems"] = true },
    };

    private static string PathPrefix(string group, string version) => group.Length == 0 ? $"/api/{version}" : $"/apis/{group}/{version}";

    // Changes when the served kinds change, so kubectl's OpenAPI cache does not outlive a CRD change.
    private static string Hash(IEnumerable<ResourceType> types) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join(",", types.Select(t => $"{t.Plural}:{t.Kind}:{t.Namespaced}")))))[..32];
}
