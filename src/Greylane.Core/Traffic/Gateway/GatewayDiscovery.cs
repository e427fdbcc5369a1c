using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>
/// Which HTTPRoutes and GRPCRoutes a Gateway API release steers, from lists of objects: the rule the controller's router
/// and <c>kubectl greylane plan</c> both follow. Only routes of the Deployment's namespace count.
/// </summary>
public static class GatewayDiscovery
{
    /// <summary>
    /// The Service (<see cref="RoutingDiscovery.FindService"/>) and the routes: those named in <c>traffic.gatewayAPI</c>
    /// (a missing one is a problem), else every route whose original rules have a backendRef to the Service. A list passed
    /// as null could not be read: the caller reports why.
    /// </summary>
    public static GatewayDiscovered Find(
        RolloutStrategy strategy,
        string @namespace,
        string deployment,
        IReadOnlyDictionary<string, string> templateLabels,
        IEnumerable<JsonObject> services,
        IEnumerable<JsonObject>? httpRoutes,
        IEnumerable<JsonObject>? grpcRoutes)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        if (RoutingDiscovery.CheckReferences(strategy, @namespace) is { Count: > 0 } refused)
        {
            return new GatewayDiscovered(null, new GatewayObjects([], null), refused);
        }

        var service = RoutingDiscovery.FindService(strategy, @namespace, deployment, templateLabels, services);
        if (service.Name is null)
        {
            return new GatewayDiscovered(null, new GatewayObjects([], null), [service.Problem!]);
        }

        var target = TrafficTarget.From(strategy, @namespace, deployment, service.Name, templateLabels);
        var problems = new List<RoutingProblem>();
        var spec = strategy.Traffic.GatewayApi;
        var routes = new List<JsonObject>();
        routes.AddRange(Routes(GatewayKind.HttpRoute, spec?.HttpRoutes ?? [], spec?.NamesRoutes == true, httpRoutes, target, problems));
        routes.AddRange(Routes(GatewayKind.GrpcRoute, spec?.GrpcRoutes ?? [], spec?.NamesRoutes == true, grpcRoutes, target, problems));
        return new GatewayDiscovered(target, new GatewayObjects(routes, service.Service), problems);
    }

    private static List<JsonObject> Routes(GatewayKind kind, IReadOnlyList<string> names, bool named, IEnumerable<JsonObject>? list, TrafficTarget target, List<RoutingProblem> problems)
    {
        var local = (list ?? []).Where(r => (Json.Namespace(r) ?? target.Namespace) == target.Namespace).ToList();
        if (!named)
        {
            return [.. local.Where(r => GatewayRoutes.RoutesTo(r, target))];
        }

        var found = new List<JsonObject>();
        foreach (var name in names)
        {
            if (local.FirstOrDefault(r => Json.String(r["metadata"], "name") == name) is { } route)
            {
                found.Add(route);
            }
            else if (list is not null)
            {
                problems.Add(new RoutingProblem(RoutingProblemKind.Missing, $"{kind.Kind} {target.Namespace}/{name} ({kind.StrategyField}) does not exist; create it in {target.Namespace} or correct the name in the strategy"));
            }
        }

        return found;
    }
}
