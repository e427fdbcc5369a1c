using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>The VirtualService of one step, always computed from the original spec saved in <see cref="GreylaneKeys.Origin"/>.</summary>
public static class VirtualServiceTransform
{
    /// <summary>
    /// <paramref name="live"/> as the step wants it: the origin annotation (added if absent), and a spec that is the original
    /// plus the step's canary match routes (http) and canary weights (http, tls, tcp). Metadata, <c>hosts</c>,
    /// <c>gateways</c> and <c>exportTo</c> stay as they are.
    /// </summary>
    public static TrafficResult Desired(JsonObject live, StepSpec step, TrafficTarget target, RoutingMode mode)
    {
        try
        {
            var (spec, notes) = Build(live, step, target, mode);
            var desired = OriginAnnotation.Ensure(live, target);
            desired["spec"] = spec;
            return TrafficResult.Ok(desired, notes);
        }
        catch (TrafficException e)
        {
            return TrafficResult.Refused(e);
        }
    }

    internal static (JsonObject Spec, List<string> Notes) Build(
        JsonObject live, StepSpec step, TrafficTarget target, RoutingMode mode)
    {
        var subject = Json.Describe(live);
        var ns = RoutingObjects.RequireNamespace(live, target);
        var hosts = new HostDestinations(target, mode, ns);
        var spec = OriginAnnotation.OriginalSpec(live);
        var notes = new List<string>();
        var routesHost = false;
        foreach (var kind in RouteKinds.All)
        {
            if (spec[kind] is not JsonArray routes)
            {
                continue;
            }

            var rewritten = new JsonArray();
            var inserted = false;
            foreach (var route in routes.OfType<JsonObject>())
            {
                if (hosts.ForeignHost(route) is { } foreign)
                {
                    throw new TrafficException(subject, $"a {kind} route sends to `{foreign}`, Service {target.Service} of another namespace; references never leave the Deployment's namespace {target.Namespace}; send to `{target.Service}` of {target.Namespace} here, and release the other namespace's Deployment from there");
                }

                var toStable = hosts.RoutesToStable(route);
                routesHost |= toStable;
                if (toStable && kind == RouteKinds.Http && !inserted)
                {
                    inserted = true;
                    foreach (var canaryRoute in MatchRoutes(route, step, hosts, subject))
                    {
                        rewritten.Add(canaryRoute);
                    }
                }

                var weighted = toStable && step.Weight is > 0 and var w
                    ? RouteWeights.WithCanary(route, hosts, Math.Min(w, 100))
                    : route.DeepClone().AsObject();
                rewritten.Add(weighted);
            }

            spec[kind] = rewritten;
            if (kind != RouteKinds.Http && step.Matches.Count > 0 && routes.OfType<JsonObject>().Any(hosts.RoutesToStable))
            {
                notes.Add($"{subject}: matches apply to http routes only; its {kind} routes get weights alone");
            }
        }

        if (!routesHost)
        {
            throw new TrafficException(subject, $"no http, tls or tcp route sends traffic to {target.Service}; name a VirtualService that routes to the Service (short or qualified host)");
        }

        return (spec, notes);
    }

    // One route per match, before the host's first route, with that route's settings and its own conditions kept.
    private static IEnumerable<JsonObject> MatchRoutes(JsonObject shadowed, StepSpec step, HostDestinations hosts, string subject)
    {
        var matches = HttpMatches.ForStep(step, hosts.Target.Lane);
        var stable = Json.Objects(shadowed, "route").First(hosts.IsStable);
        for (var i = 0; i < matches.Count; i++)
        {
            var route = new JsonObject { ["name"] = $"{hosts.Target.RouteNamePrefix}{i + 1}" };
            var conditions = new JsonArray();
            foreach (var own in Json.Objects(shadowed, "match").DefaultIfEmpty())
            {
                var narrowed = own is null ? matches[i].DeepClone().AsObject() : HttpMatches.Narrow(own, matches[i], out var conflict)
                    ?? throw new TrafficException(subject, $"match {i + 1} of the step cannot be combined with the conditions of the route it shadows: {conflict}; change the step's match or the route");
                conditions.Add(narrowed);
            }

            route["match"] = conditions;
            route["route"] = new JsonArray(hosts.CanaryOf(stable));
            foreach (var (key, value) in shadowed)
            {
                if (key is not ("name" or "match" or "route"))
                {
                    route[key] = value?.DeepClone();
                }
            }

            yield return route;
        }
    }
}
