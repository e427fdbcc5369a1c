using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// Reads what a Gateway API release steers, only in the Deployment's namespace: the lists <see cref="GatewayDiscovery"/>
/// chooses the Service and routes from (the rule <c>plan</c> follows too), and the canary Service.
/// </summary>
internal sealed class GatewayRoutingReader(RoutingApi api, GatewayRoutingApi routes)
{
    public async Task<GatewayWorld> ReadAsync(RoutedRelease release, CancellationToken ct)
    {
        var deployment = release.Deployment;
        var ns = deployment.Metadata?.NamespaceProperty ?? "default";
        var name = deployment.Metadata?.Name ?? "";
        var strategy = release.Strategy;
        var templateLabels = deployment.Spec?.Template?.Metadata?.Labels?.ToDictionary(StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (RoutingDiscovery.CheckReferences(strategy, ns) is { Count: > 0 } refused)
        {
            return GatewayWorld.Failed([.. refused.Select(p => p.Message)]);
        }

        IReadOnlyList<JsonObject> services = strategy.Traffic.Service is { } named
            ? await api.GetServiceAsync(ns, named, ct).ConfigureAwait(false) is { } service ? [service] : []
            : await api.ListServicesAsync(ns, ct).ConfigureAwait(false);
        var httpRoutes = await routes.ListAsync(GatewayKind.HttpRoute, ns, ct).ConfigureAwait(false);
        var grpcRoutes = await routes.ListAsync(GatewayKind.GrpcRoute, ns, ct).ConfigureAwait(false);
        var found = GatewayDiscovery.Find(strategy, ns, name, templateLabels, services, httpRoutes, grpcRoutes);
        if (found.Target is null)
        {
            return GatewayWorld.Failed(found.Errors);
        }

        var errors = new List<string>();
        if (httpRoutes is null)
        {
            errors.Add(GatewayRoutingApi.NotServed(GatewayKind.HttpRoute));
        }

        // GRPCRoute is served from Gateway API 1.1 on: a cluster without it only matters when the strategy names one.
        if (grpcRoutes is null && strategy.Traffic.GatewayApi?.GrpcRoutes.Count > 0)
        {
            errors.Add(GatewayRoutingApi.NotServed(GatewayKind.GrpcRoute));
        }

        errors.AddRange(found.Errors);
        var target = found.Target;
        var canary = await api.GetServiceAsync(ns, target.CanaryService, ct).ConfigureAwait(false);
        string? foreign = null;
        if (canary is not null && !RoutingReader.OwnedBy(canary, deployment))
        {
            foreign = $"Service {ns}/{target.CanaryService} exists and is not Greylane's (no ownerReference to Deployment {ns}/{name}); Gateway API routing needs that name for the canary Service: rename or delete the existing Service, or name another in traffic.gatewayAPI.canaryService";
            canary = null;
        }

        return new GatewayWorld(target, found.Objects, canary, errors, foreign);
    }
}
