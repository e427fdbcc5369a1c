using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>Gateway API <c>HTTPRouteMatch</c>es and <c>GRPCRouteMatch</c>es for a step's matches, and their narrowing.</summary>
internal static class GatewayMatches
{
    /// <summary>
    /// The matches a step routes to the canary (<see cref="StepMatches.Of"/>, lane header first) in the route kind's
    /// form. gRPC routes match headers only, so a step path or query condition is refused for them.
    /// </summary>
    public static IReadOnlyList<JsonObject> ForStep(StepSpec step, LaneSpec? lane, GatewayKind kind, string subject)
    {
        var matches = new List<JsonObject>();
        foreach (var (match, i) in StepMatches.Of(step, lane).Select((m, i) => (m, i)))
        {
            if (kind == GatewayKind.GrpcRoute && (match.Path is not null || match.QueryParams.Count > 0))
            {
                throw new TrafficException(subject, $"match {i + 1} of the step has a path or query condition, but gRPC routes match headers (and methods) only; match on a header (gRPC metadata) instead");
            }

            var request = new JsonObject();
            if (match.Path is { } path)
            {
                request["path"] = new JsonObject { ["type"] = PathType(path.Kind), ["value"] = path.Value };
            }

            if (match.Headers.Count > 0)
            {
                request["headers"] = Conditions(match.Headers);
            }

            if (match.QueryParams.Count > 0)
            {
                request["queryParams"] = Conditions(match.QueryParams);
            }

            matches.Add(request);
        }

        return matches;
    }

    /// <summary>
    /// A rule's own match narrowed by a step's, so the lane copy never catches a request the rule would not (and, with
    /// more header matches, takes precedence over it). Null with a reason when both constrain the same thing differently.
    /// </summary>
    public static JsonObject? Narrow(JsonObject ruleMatch, JsonObject stepMatch, out string? conflict)
    {
        conflict = null;
        var merged = ruleMatch.DeepClone().AsObject();
        foreach (var key in new[] { "headers", "queryParams" })
        {
            // Header names are case-insensitive in HTTP; query parameter names are not.
            var comparison = key == "headers" ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
            foreach (var condition in Json.Objects(stepMatch, key))
            {
                var name = Json.String(condition, "name");
                var list = merged[key] as JsonArray ?? [];
                merged[key] = list;
                if (list.OfType<JsonObject>().FirstOrDefault(c => string.Equals(Json.String(c, "name"), name, comparison)) is { } existing)
                {
                    if (!SameCondition(existing, condition))
                    {
                        conflict = $"it already matches {key} `{name}` differently";
                        return null;
                    }

                    continue;
                }

                list.Add(condition.DeepClone());
            }
        }

        if (stepMatch["path"] is JsonObject path)
        {
            if (merged["path"] is JsonObject own && !IsEveryPath(own) && !Json.Same(own, path))
            {
                conflict = "it already matches the path differently";
                return null;
            }

            merged["path"] = path.DeepClone();
        }

        return merged;
    }

    // `PathPrefix /` is what the API server fills in for a match without a path: it constrains nothing.
    private static bool IsEveryPath(JsonObject path) =>
        (Json.String(path, "type") ?? "PathPrefix") == "PathPrefix" && (Json.String(path, "value") ?? "/") == "/";

    private static bool SameCondition(JsonObject a, JsonObject b) =>
        (Json.String(a, "type") ?? "Exact") == (Json.String(b, "type") ?? "Exact") && Json.String(a, "value") == Json.String(b, "value");

    private static JsonArray Conditions(IEnumerable<StringMatchSpec> conditions) =>
        new([.. conditions.Select(c => (JsonNode)new JsonObject
        {
            ["type"] = c.Kind == MatchKind.Exact ? "Exact" : "RegularExpression",
            ["name"] = c.Name,
            ["value"] = c.Kind == MatchKind.Prefix ? $"^{Escape(c.Value)}.*" : c.Value,
        })]);

    private static string PathType(MatchKind kind) => kind switch
    {
        MatchKind.Prefix => "PathPrefix",
        MatchKind.RegularExpression => "RegularExpression",
        _ => "Exact",
    };

    // Gateway API has no prefix match for headers or query parameters: a prefix becomes an anchored RE2 expression.
    private static string Escape(string value)
    {
        var escaped = new StringBuilder();
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
