using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>GET of one object (or its status/scale) and lists with selectors, paging and the list resourceVersion.</summary>
internal sealed class ResourceReader(InMemoryObjectStore store)
{
    public JsonObject Get(ResourceType type, string? ns, string name, string? sub)
    {
        var obj = store.Get(type, ns, name) ?? throw ApiException.From(StoreErrors.NotFound(type, name), type, name);
        return sub == "scale" ? ScaleView.From(obj) : AsServed(type, obj);
    }

    public JsonObject List(ResourceType type, string? ns, QueryOptions query)
    {
        var version = store.CurrentVersion;
        if (query.ResourceVersion is { } wanted)
        {
            if (!long.TryParse(wanted, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
            {
                throw ApiException.BadRequest($"invalid resource version \"{wanted}\": resourceVersion must be a number from a previous response");
            }

            if (rv > version)
            {
                throw TooLarge(wanted, version);
            }
        }

        var after = query.Continue is { } token ? ContinueToken.Decode(token) : ((string, string)?)null;
        // As kube-apiserver: remainingItemCount only for a list without selectors (with one, counting would mean matching
        // every remaining object for every page).
        var selective = !query.Labels.IsEmpty || query.Fields.Requirements.Count > 0;
        var (items, remaining, listed) = store.Page(type, ns, o => query.Labels.Matches(o) && query.Fields.Matches(o), after, query.Limit, countRemaining: !selective);
        var meta = new JsonObject { ["resourceVersion"] = listed.ToString(CultureInfo.InvariantCulture) };
        if (remaining > 0)
        {
            var last = items[^1];
            meta["continue"] = ContinueToken.Encode(listed, last.Namespace() ?? "", last.Name());
            if (!selective)
            {
                meta["remainingItemCount"] = remaining;
            }
        }

        return new JsonObject
        {
            ["kind"] = $"{type.Kind}List",
            ["apiVersion"] = type.ApiVersion,
            ["metadata"] = meta,
            ["items"] = new JsonArray([.. items.Select(o => (JsonNode)AsServed(type, o))]),
        };
    }

    /// <summary>The object as served at the requested version (one stored copy serves every version of a CRD).</summary>
    public static JsonObject AsServed(ResourceType type, JsonObject obj)
    {
        obj["apiVersion"] = type.ApiVersion;
        return obj;
    }

    private static ApiException TooLarge(string wanted, long current) =>
        new(504, "Timeout", $"Too large resource version: {wanted}, current: {current}", new JsonObject
        {
            ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ResourceVersionTooLarge", ["message"] = "Too large resource version" }),
            ["retryAfterSeconds"] = 1,
        });
}
