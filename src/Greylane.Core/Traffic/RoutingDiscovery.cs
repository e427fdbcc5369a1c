using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>
/// Which Service, VirtualServices and DestinationRule a release steers, chosen from lists of objects: the one rule the
/// controller's router, its <c>{{service}}</c> variable and <c>kubectl greylane plan</c> all follow, so a preview never
/// shows an object the controller would not use, and refuses what it refuses with the same words. Only objects of the
/// Deployment's namespace count; how the lists are read (the API, the files given to <c>plan</c>) is the caller's.
/// </summary>
public static class RoutingDiscovery
{
    /// <summary>
    /// The Service: <c>traffic.service</c> (its object when among <paramref name="services"/>), else the one Service whose
    /// original selector matches <paramref name="templateLabels"/>; none or several is a problem that says to name it.
    /// </summary>
    public static ServiceChoice FindService(
        RolloutStrategy strategy, string @namespace, string deployment, IReadOnlyDictionary<string, string> templateLabels, IEnumerable<JsonObject> services)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(templateLabels);
        var local = InNamespace(services, @namespace);
        if (strategy.Traffic.Service is { } named)
        {
            return RoutingObjects.CheckReference("Service", named, @namespace) is { } refused
                ? new ServiceChoice(null, null, new RoutingProblem(RoutingProblemKind.Reference, refused))
                : new ServiceChoice(named, local.FirstOrDefault(s => Name(s) == named), null);
        }

        var selecting = local.Where(s => RoutingObjects.SelectsPods(s, templateLabels)).ToList();
        return selecting.Count switch
        {
            1 => new ServiceChoice(Name(selecting[0]), selecting[0], null),
            0 => new ServiceChoice(null, null, new RoutingProblem(
                RoutingProblemKind.Missing,
                $"Deployment {@namespace}/{deployment}: no Service in {@namespace} selects its pods ({string.Join(", ", templateLabels.Select(l => $"{l.Key}={l.Value}"))}); set traffic.service in the strategy to the Service its VirtualServices route to")),
            _ => new ServiceChoice(null, null, new RoutingProblem(
                RoutingProblemKind.Ambiguous,
                $"Deployment {@namespace}/{deployment}: several Services select its pods ({string.Join(", ", selecting.Select(Name))}); set traffic.service in the strategy to the one its VirtualServices route to")),
        };
    }

    /// <summary>
    /// The Service (<see cref="FindService"/>), the VirtualServices (<c>traffic.istio.virtualServices</c>, else every one
    /// whose original routes send to the Service's host in any form) and the DestinationRule
    /// (<c>traffic.istio.destinationRule</c>, else the one for the host; several is a problem, none is fine here). A list
    /// passed as null could not be read: the caller reports why, and nothing is decided about that kind.
    /// </summary>
    public static DiscoveredRouting Find(
        RolloutStrategy strategy,
        string @namespace,
        string deployment,
        IReadOnlyDictionary<string, string> templateLabels,
        IEnumerable<JsonObject> services,
        IEnumerable<JsonObject>? virtualServices,
        IEnumerable<JsonObject>? destinationRules)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var istio = strategy.Traffic.Istio;
        if (CheckReferences(strategy, @namespace) is { Count: > 0 } refused)
        {
            return Failed(refused);
        }

        var service = FindService(strategy, @namespace, deployment, templateLabels, services);
        if (service.Name is null)
        {
            return Failed([service.Problem!]);
        }

        var target = TrafficTarget.From(strategy, @namespace, deployment, service.Name, templateLabels);
        var problems = new List<RoutingProblem>();
        var found = virtualServices is null ? [] : VirtualServices(istio.VirtualServices, InNamespace(virtualServices, @namespace), target, problems);
        var rule = destinationRules is null ? null : DestinationRule(istio.DestinationRule, InNamespace(destinationRules, @namespace), target, problems);
        return new DiscoveredRouting(target, new TrafficObjects(found, rule, service.Service), problems);
    }

    /// <summary>The names in the strategy that leave the Deployment's namespace: refused before anything is read.</summary>
    public static IReadOnlyList<RoutingProblem> CheckReferences(RolloutStrategy strategy, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        var problems = new List<RoutingProblem>();
        Refuse(problems, "Service", strategy.Traffic.Service, @namespace);
        foreach (var name in strategy.Traffic.Istio.VirtualServices)
        {
            Refuse(problems, "VirtualService", name, @namespace);
        }

        Refuse(problems, "DestinationRule", strategy.Traffic.Istio.DestinationRule, @namespace);
        if (strategy.Traffic.GatewayApi is { } gateway)
        {
            foreach (var name in gateway.HttpRoutes)
            {
                Refuse(problems, "HTTPRoute", name, @namespace);
            }

            foreach (var name in gateway.GrpcRoutes)
            {
                Refuse(problems, "GRPCRoute", name, @namespace);
            }

            Refuse(problems, "Service", gateway.CanaryService, @namespace);
        }

        return problems;
    }

    private static List<JsonObject> VirtualServices(IReadOnlyList<string> names, List<JsonObject> all, TrafficTarget target, List<RoutingProblem> problems)
    {
        if (names.Count == 0)
        {
            return [.. all.Where(vs => RoutingObjects.RoutesTo(vs, target))];
        }

        var found = new List<JsonObject>();
        foreach (var name in names)
        {
            if (all.FirstOrDefault(vs => Name(vs) == name) is { } vs)
            {
                found.Add(vs);
            }
            else
            {
                problems.Add(new RoutingProblem(RoutingProblemKind.Missing, $"VirtualService {target.Namespace}/{name} (traffic.istio.virtualServices) does not exist; create it in {target.Namespace} or correct the name in the strategy"));
            }
        }

        return found;
    }

    private static JsonObject? DestinationRule(string? name, List<JsonObject> all, TrafficTarget target, List<RoutingProblem> problems)
    {
        if (name is not null)
        {
            var named = all.FirstOrDefault(dr => Name(dr) == name);
            if (named is null)
            {
                problems.Add(new RoutingProblem(RoutingProblemKind.Missing, $"DestinationRule {target.Namespace}/{name} (traffic.istio.destinationRule) does not exist; create it in {target.Namespace} or correct the name in the strategy"));
            }

            return named;
        }

        var matching = all.Where(dr => RoutingObjects.IsDestinationRuleFor(dr, target)).ToList();
        if (matching.Count > 1)
        {
            problems.Add(new RoutingProblem(RoutingProblemKind.Ambiguous, $"Service {target.Namespace}/{target.Service}: several DestinationRules are for its host ({string.Join(", ", matching.Select(Name))}); name the one to use in traffic.istio.destinationRule"));
            return null;
        }

        return matching.FirstOrDefault();
    }

    private static DiscoveredRouting Failed(IReadOnlyList<RoutingProblem> problems) => new(null, new TrafficObjects([], null, null), problems);

    private static void Refuse(List<RoutingProblem> problems, string kind, string? name, string @namespace)
    {
        if (name is not null && RoutingObjects.CheckReference(kind, name, @namespace) is { } error)
        {
            problems.Add(new RoutingProblem(RoutingProblemKind.Reference, error));
        }
    }

    // Lists read from the API are of one namespace already; files given to plan may hold several.
    private static List<JsonObject> InNamespace(IEnumerable<JsonObject> objects, string @namespace) =>
        [.. objects.Where(o => (Json.Namespace(o) ?? @namespace) == @namespace)];

    private static string Name(JsonObject obj) => Json.String(obj["metadata"], "name") ?? "";
}
