using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>Istio <c>HTTPMatchRequest</c>s for a step's matches.</summary>
internal static class HttpMatches
{
    /// <summary>The matches a step routes to the canary (<see cref="StepMatches.Of"/>) as Istio requests.</summary>
    public static IReadOnlyList<JsonObject> ForStep(StepSpec step, LaneSpec? lane) => [.. StepMatches.Of(step, lane).Select(From)];

    /// <summary>One <c>HTTPMatchRequest</c>: all conditions of the match must hold.</summary>
    public static JsonObject From(MatchSpec match)
    {
        var request = new JsonObject();
        if (match.Headers.Count > 0)
        {
            request["headers"] = Conditions(match.Headers);
        }

        if (match.QueryParams.Count > 0)
        {
            request["queryParams"] = Conditions(match.QueryParams);
        }

        if (match.Path is { } path)
        {
            request["uri"] = StringMatch(path);
        }

        return request;
    }

    /// <summary>
    /// The shadowed route's own match narrowed by the step's, so the canary route never catches requests the shadowed
    /// route would not. Null with a reason when both constrain the same thing differently.
    /// </summary>
    public static JsonObject? Narrow(JsonObject routeMatch, JsonObject stepMatch, out string? conflict)
    {
        conflict = null;
        var merged = routeMatch.DeepClone().AsObject();
        merged.Remove("name");
        foreach (var (key, value) in stepMatch)
        {
            if (key is "headers" or "queryParams")
            {
                var target = Json.ObjectAt(merged, key);
                foreach (var (name, condition) in value!.AsObject())
                {
                    if (target[name] is { } existing && !Json.Same(existing, condition))
                    {
                        conflict = $"it already matches {key} `{name}` differently";
                        return null;
                    }

                    target[name] = condition!.DeepClone();
                }
            }
            else if (merged[key] is { } existing && !Json.Same(existing, value))
            {
                conflict = $"it already matches `{key}` differently";
                return null;
            }
            else
            {
                merged[key] = value!.DeepClone();
            }
        }

        return merged;
    }

    private static JsonObject Conditions(IEnumerable<StringMatchSpec> conditions)
    {
        var obj = new JsonObject();
        foreach (var condition in conditions)
        {
            obj[condition.Name] = StringMatch(condition);
        }

        return obj;
    }

    private static JsonObject StringMatch(StringMatchSpec condition) => new()
    {
        [condition.Kind switch
        {
            MatchKind.Prefix => "prefix",
            MatchKind.RegularExpression => "regex",
            _ => "exact",
        }] = condition.Value,
    };
}
