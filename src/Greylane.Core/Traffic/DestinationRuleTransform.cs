using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>The DestinationRule of a subset-mode release: the original plus the canary subset.</summary>
public static class DestinationRuleTransform
{
    /// <summary>
    /// <paramref name="live"/> with the origin annotation (added if absent) and the original spec plus subset
    /// <see cref="TrafficTarget.CanarySubset"/> selecting <see cref="TrafficTarget.CanarySubsetLabels"/>; <c>trafficPolicy</c>
    /// and every other subset untouched. Refused when a stable subset the routes use would also select canary pods.
    /// </summary>
    public static TrafficResult Desired(JsonObject live, TrafficTarget target, IReadOnlyCollection<string> stableSubsets)
    {
        try
        {
            var desired = OriginAnnotation.Ensure(live, target);
            desired["spec"] = Build(live, target, stableSubsets);
            return TrafficResult.Ok(desired);
        }
        catch (TrafficException e)
        {
            return TrafficResult.Refused(e);
        }
    }

    /// <summary>The canary subset Greylane adds.</summary>
    public static JsonObject CanarySubset(TrafficTarget target) => new()
    {
        ["labels"] = Json.FromMap(target.CanarySubsetLabels),
        ["name"] = target.CanarySubset,
    };

    internal static JsonObject Build(JsonObject live, TrafficTarget target, IReadOnlyCollection<string> stableSubsets)
    {
        var subject = Json.Describe(live);
        var ns = RoutingObjects.RequireNamespace(live, target);
        var spec = OriginAnnotation.OriginalSpec(live);
        var host = Json.String(spec, "host");
        if (!ServiceHost.Names(host, target.Service, target.Namespace, ns))
        {
            throw new TrafficException(subject, $"is for host `{host}`, not Service {target.Service} in {target.Namespace}; name the DestinationRule of {target.Service} in the strategy's traffic.istio.destinationRule");
        }

        if (target.CanarySubsetLabels.Count == 0)
        {
            throw new TrafficException(subject, "canaryLabels is empty, so a canary subset would select every pod; give canary pods a label of their own (e.g. `istio.service.tag: gray`)");
        }

        var subsets = Json.Objects(spec, "subsets").ToList();
        if (subsets.Any(s => Json.String(s, "name") == target.CanarySubset))
        {
            throw new TrafficException(subject, $"already has a subset named `{target.CanarySubset}`; set traffic.istio.canarySubset to a name it does not use");
        }

        var canaryPod = target.CanaryPodLabels;
        foreach (var subset in subsets.Where(s => stableSubsets.Contains(Json.String(s, "name") ?? "")))
        {
            var labels = Json.StringMap(subset, "labels");
            if (labels.All(l => canaryPod.TryGetValue(l.Key, out var v) && v == l.Value))
            {
                throw new TrafficException(subject, OverlapMessage(Json.String(subset, "name")!, labels));
            }
        }

        var list = spec["subsets"] as JsonArray ?? [];
        list.Add(CanarySubset(target));
        spec["subsets"] = list;
        return spec;
    }

    private static string OverlapMessage(string subset, Dictionary<string, string> labels)
    {
        if (labels.Count == 0)
        {
            return $"stable subset `{subset}` has no labels, so it selects every pod, canary pods too; give it labels the canary pods do not share";
        }

        var (key, value) = labels.First();
        var example = value == "canary" ? "gray" : "canary";
        var shown = string.Join(", ", labels.Select(l => $"{l.Key}={l.Value}"));
        return $"stable subset `{subset}` ({shown}) would also select canary pods, which carry the same labels; add `{key}` to canaryLabels with another value (e.g. `{key}: {example}`) so that the canary pods leave subset `{subset}`";
    }
}
