using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>The HTTPRoute or GRPCRoute of one step, always computed from the original spec saved in <see cref="GreylaneKeys.Origin"/>.</summary>
public static class GatewayRouteTransform
{
    /// <summary>
    /// <paramref name="live"/> as the step wants it: the origin annotation (added if absent), and a spec that is the
    /// original plus, before each rule with a backendRef to the Service, a lane copy of it (the step's conditions added to
    /// each of its matches, its filters and timeouts, backendRefs only to the canary Service, named <c>greylane-…</c>), and
    /// the step's weight on each such rule. <c>parentRefs</c>, <c>hostnames</c> and other rules stay; <c>status</c> is
    /// never part of what Greylane writes.
    /// </summary>
    public static TrafficResult Desired(JsonObject live, StepSpec step, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(step);
        try
        {
            var desired = OriginAnnotation.Ensure(live, target);
            desired["spec"] = Build(live, step, target);
            desired.Remove("status");
            return TrafficResult.Ok(desired);
        }
        catch (TrafficException e)
        {
            return TrafficResult.Refused(e);
        }
    }

    private static JsonObject Build(JsonObject live, StepSpec step, TrafficTarget target)
    {
        var subject = Json.Describe(live);
        var kind = GatewayKind.Of(Json.String(live, "kind"))
            ?? throw new TrafficException(subject, "is not an HTTPRoute or GRPCRoute");
        var ns = RequireNamespace(live, target);
        var refs = new BackendRefs(target, ns);
        var spec = OriginAnnotation.OriginalSpec(live);
        var rules = Json.Objects(spec, "rules").ToList();
        var matches = step.Matches.Count > 0 ? GatewayMatches.ForStep(step, target.Lane, kind, subject) : [];
        var rewritten = new JsonArray();
        var copies = 0;
        foreach (var (rule, index) in rules.Select((r, i) => (r, i + 1)))
        {
            if (Json.Objects(rule, "backendRefs").Select(refs.Foreign).FirstOrDefault(n => n is not null) is { } foreign)
            {
                throw new TrafficException(subject, $"rule {Label(rule, index)} sends to Service {foreign}/{target.Service} of another namespace (a cross-namespace backendRef, valid only with a ReferenceGrant in {foreign}); Greylane steers only Services of the Deployment's namespace {target.Namespace} and never writes elsewhere: send to `{target.Service}` of {target.Namespace} here, and release the Deployment of {foreign} from there");
            }

            if (!refs.RoutesToStable(rule))
            {
                rewritten.Add(rule.DeepClone());
                continue;
            }

            if (matches.Count > 0)
            {
                rewritten.Add(LaneCopy(rule, index, ++copies, matches, refs, subject));
            }

            rewritten.Add(step.Weight is > 0 and var w ? GatewayWeights.WithCanary(rule, refs, Math.Min(w, 100)) : rule.DeepClone());
        }

        if (!rules.Any(refs.RoutesToStable))
        {
            throw new TrafficException(subject, $"no rule has a backendRef to Service {target.Service}; name a route in {kind.StrategyField} that sends to the Service, or add such a backendRef");
        }

        spec["rules"] = rewritten;
        return spec;
    }

    // A copy of the rule for the lane: its matches narrowed by each step match (OR of every pair), canary backendRefs only.
    private static JsonObject LaneCopy(JsonObject rule, int index, int copy, IReadOnlyList<JsonObject> stepMatches, BackendRefs refs, string subject)
    {
        var lane = new JsonObject { ["name"] = $"{refs.Target.RouteNamePrefix}{copy}" };
        var conditions = new JsonArray();
        foreach (var own in Json.Objects(rule, "matches").DefaultIfEmpty())
        {
            foreach (var (step, i) in stepMatches.Select((m, i) => (m, i + 1)))
            {
                conditions.Add(own is null
                    ? step.DeepClone()
                    : GatewayMatches.Narrow(own, step, out var conflict)
                        ?? throw new TrafficException(subject, $"match {i} of the step cannot be combined with rule {Label(rule, index)}: {conflict}; change the step's match or the rule"));
            }
        }

        foreach (var (key, value) in rule)
        {
            if (key is not ("name" or "matches" or "backendRefs"))
            {
                lane[key] = value?.DeepClone();
            }
        }

        lane["matches"] = conditions;
        var canaries = Json.Objects(rule, "backendRefs").Where(refs.IsStable).Select(refs.CanaryOf).ToList();
        lane["backendRefs"] = new JsonArray([.. canaries.DistinctBy(c => c.ToJsonString())]);
        return lane;
    }

    internal static string Label(JsonObject rule, int index) => Json.String(rule, "name") is { } name ? $"`{name}`" : $"#{index}";

    internal static string RequireNamespace(JsonObject route, TrafficTarget target)
    {
        var ns = Json.Namespace(route) ?? target.Namespace;
        return ns == target.Namespace
            ? ns
            : throw new TrafficException(Json.Describe(route), $"is in namespace {ns}, but the Deployment {target.Deployment} is in {target.Namespace}; references never leave the Deployment's namespace, so use a route in {target.Namespace}");
    }
}
