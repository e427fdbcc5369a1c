using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Mesh;

/// <summary>
/// The part of a Gateway API implementation the demo needs (<c>make demo ARGS=--gateway-api</c>): a request at the
/// gateway takes the HTTPRoutes attached to a Gateway, a request for a Service those attached to that Service (GAMMA);
/// among their rules the most specific matching one wins (exact path, longest prefix, most headers, most query
/// parameters, then order), and a backendRef is drawn by weight. Null when no HTTPRoute is attached, so the caller
/// falls back to Istio's objects.
/// </summary>
internal static class HttpRouteMesh
{
    public static readonly ResourceType HttpRoutes = new("gateway.networking.k8s.io", "v1", "httproutes", "HTTPRoute", true, [], []);

    /// <summary>
    /// The backend Service and its namespace for the request (null when the chosen rule has none) and how it got there;
    /// null when no route applies. A null <paramref name="ns"/> reads the routes of every namespace (the playground).
    /// </summary>
    public static (string? Service, string? Namespace, string Via)? Route(IObjectStore store, string? ns, string? host, Func<string, string?> header, Func<string, string?> query, string path)
    {
        var candidates = new List<(JsonObject Rule, string Namespace, string Via, (int, int, int, int) Rank)>();
        foreach (var route in store.List(HttpRoutes, ns).Where(r => AttachedTo(r, host)))
        {
            var rules = (route["spec"]?["rules"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            for (var i = 0; i < rules.Count; i++)
            {
                var name = rules[i]["name"]?.GetValue<string>() ?? $"rules[{i}]";
                foreach (var match in Matches(rules[i]).Where(m => Holds(m, header, query, path)))
                {
                    candidates.Add((rules[i], route["metadata"]!["namespace"]!.GetValue<string>(), $"HTTPRoute {route["metadata"]!["name"]} {name}", Rank(match)));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return store.List(HttpRoutes, ns).Any(r => AttachedTo(r, host)) ? (null, null, "no HTTPRoute rule matches") : null;
        }

        // Gateway API precedence; among equals the first listed (the order rules and routes were read in).
        var (rule, routeNs, via, _) = candidates.OrderByDescending(c => c.Rank).First();
        var refs = (rule["backendRefs"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        var weights = refs.Select(b => b["weight"] is { } w ? (int)w.GetValue<long>() : 1).ToList();
        if (refs.Count == 0 || weights.Sum() == 0)
        {
            return (null, null, $"{via}: no backend");
        }

        var ticket = Random.Shared.Next(weights.Sum());
        var chosen = 0;
        while (ticket >= weights[chosen])
        {
            ticket -= weights[chosen++];
        }

        var service = refs[chosen]["name"]!.GetValue<string>();
        return (service, refs[chosen]["namespace"]?.GetValue<string>() ?? routeNs, $"{via} → {service}{(refs.Count > 1 ? $" (weight {weights[chosen]} of {weights.Sum()})" : "")}");
    }

    private static bool AttachedTo(JsonObject route, string? host) =>
        (route["spec"]?["parentRefs"] as JsonArray ?? []).OfType<JsonObject>().Any(p =>
            (p["kind"]?.GetValue<string>() ?? "Gateway") is var kind
            && (host is null ? kind == "Gateway" : kind == "Service" && p["name"]?.GetValue<string>() == host));

    // The API server's default for a rule without matches: every path.
    private static IEnumerable<JsonObject> Matches(JsonObject rule) =>
        rule["matches"] is JsonArray { Count: > 0 } matches ? matches.OfType<JsonObject>() : [new JsonObject()];

    private static bool Holds(JsonObject match, Func<string, string?> header, Func<string, string?> query, string path) =>
        Conditions(match["headers"], header) && Conditions(match["queryParams"], query) && (match["path"] is not JsonObject p || Path(p, path));

    private static bool Conditions(JsonNode? list, Func<string, string?> read) =>
        (list as JsonArray ?? []).OfType<JsonObject>().All(c => read(c["name"]!.GetValue<string>()) is { } value && Text(c, value));

    private static bool Text(JsonObject condition, string value) =>
        condition["type"]?.GetValue<string>() == "RegularExpression"
            ? Regex.IsMatch(value, $"^(?:{condition["value"]!.GetValue<string>()})$", RegexOptions.None, TimeSpan.FromSeconds(1))
            : value == condition["value"]!.GetValue<string>();

    private static bool Path(JsonObject match, string path)
    {
        var value = match["value"]?.GetValue<string>() ?? "/";
        return (match["type"]?.GetValue<string>() ?? "PathPrefix") switch
        {
            "Exact" => path == value,
            "RegularExpression" => Regex.IsMatch(path, $"^(?:{value})$", RegexOptions.None, TimeSpan.FromSeconds(1)),
            _ => value == "/" || path == value.TrimEnd('/') || path.StartsWith(value.TrimEnd('/') + "/", StringComparison.Ordinal),
        };
    }

    private static (int, int, int, int) Rank(JsonObject match)
    {
        var path = match["path"] as JsonObject;
        var exact = path?["type"]?.GetValue<string>() == "Exact" ? 1 : 0;
        var length = path?["value"]?.GetValue<string>().Length ?? 1;
        return (exact, length, (match["headers"] as JsonArray)?.Count ?? 0, (match["queryParams"] as JsonArray)?.Count ?? 0);
    }
}
