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
        var (all, version) = store.Snapshot(type, ns);
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

        IEnumerable<JsonObject> matching = all.Where(o => query.Labels.Matches(o) && query.Fields.Matches(o));
        if (query.Continue is { } token)
        {
            var start = ContinueToken.Decode(token);
            matching = matching.Where(o => ObjectKeyComparer.Instance.Compare((o.Namespace() ?? "", o.Name()), start) > 0);
        }

        var items = matching.ToList();
        var meta = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture) };
        if (query.Limit is { } limit && items.Count > limit)
        {
            var last = items[limit - 1];
            meta["continue"] = ContinueToken.Encode(version, last.Namespace() ?? "", last.Name());
            meta["remainingItemCount"] = items.Count - limit;
            items = items[..limit];
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
