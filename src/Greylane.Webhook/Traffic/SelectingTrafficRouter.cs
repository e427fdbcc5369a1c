using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;
using Greylane.Webhook.Controller.Leadership;
using Greylane.Webhook.Traffic.Gateway;
using k8s;
using k8s.Autorest;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// The controller's <see cref="ITrafficRouter"/>: hands each release to the Istio router or the Gateway API router, as
/// <see cref="RoutingFamilies.Choose"/> decides (the strategy's <c>traffic.istio</c> or <c>traffic.gatewayAPI</c>, else
/// whichever kind of object sends to the Service). When both kinds do and the strategy names neither, it refuses to
/// route, and a restore goes through both (each takes out only what carries the release).
/// </summary>
internal sealed partial class SelectingTrafficRouter(
    IKubernetes client, LeaderFence fence, IstioTrafficRouter istio, GatewayTrafficRouter gateway, ILogger<SelectingTrafficRouter> logger) : ITrafficRouter
{
    private readonly RoutingApi _api = new(client, fence);
    private readonly GatewayRoutingApi _routes = new(client);

    /// <inheritdoc/>
    public async Task<RoutingState> CheckAsync(RoutedRelease release, int step, CancellationToken cancellationToken)
    {
        var (router, problem) = await ChooseAsync(release, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            return await router!.CheckAsync(release, step, cancellationToken).ConfigureAwait(false);
        }

        var first = await istio.CheckAsync(release, step, cancellationToken).ConfigureAwait(false);
        var second = await gateway.CheckAsync(release, step, cancellationToken).ConfigureAwait(false);
        return new RoutingState(false, first.Restored && second.Restored, [problem], [], first.StablePinned || second.StablePinned);
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> ApplyAsync(RoutedRelease release, int step, CancellationToken cancellationToken)
    {
        var (router, problem) = await ChooseAsync(release, cancellationToken).ConfigureAwait(false);
        return problem is null
            ? await router!.ApplyAsync(release, step, cancellationToken).ConfigureAwait(false)
            : new RoutingOutcome(false, [problem], []);
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> RestoreAsync(RoutedRelease release, CancellationToken cancellationToken)
    {
        var (router, problem) = await ChooseAsync(release, cancellationToken).ConfigureAwait(false);
        if (problem is null)
        {
            return await router!.RestoreAsync(release, cancellationToken).ConfigureAwait(false);
        }

        var first = await istio.RestoreAsync(release, cancellationToken).ConfigureAwait(false);
        var second = await gateway.RestoreAsync(release, cancellationToken).ConfigureAwait(false);
        return new RoutingOutcome(first.Changed || second.Changed, [.. first.Errors, .. second.Errors], [.. first.Notes, .. second.Notes]);
    }

    /// <inheritdoc/>
    public async Task<RoutingOutcome> UnpinStableAsync(RoutedRelease release, CancellationToken cancellationToken)
    {
        // Both routers pin and unpin the same way (origin annotation on the stable Service): either one undoes it.
        var (router, _) = await ChooseAsync(release, cancellationToken).ConfigureAwait(false);
        return await (router ?? istio).UnpinStableAsync(release, cancellationToken).ConfigureAwait(false);
    }

    // The family, or the refusal when both kinds send to the Service and the strategy names neither.
    private async Task<(ITrafficRouter? Router, string? Problem)> ChooseAsync(RoutedRelease release, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(release);
        var strategy = release.Strategy;
        if (!strategy.SteersTraffic || strategy.Traffic.Istio.IsNamed)
        {
            return (istio, null);
        }

        if (strategy.Traffic.GatewayApi is not null)
        {
            return (gateway, null);
        }

        var deployment = release.Deployment;
        var ns = deployment.Metadata?.NamespaceProperty ?? "default";
        var name = deployment.Metadata?.Name ?? "";
        var templateLabels = deployment.Spec?.Template?.Metadata?.Labels?.ToDictionary(StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        if (RoutingDiscovery.CheckReferences(strategy, ns).Count > 0)
        {
            return (istio, null);
        }

        IReadOnlyList<JsonObject> services = strategy.Traffic.Service is { } named
            ? await _api.GetServiceAsync(ns, named, ct).ConfigureAwait(false) is { } service ? [service] : []
            : await _api.ListServicesAsync(ns, ct).ConfigureAwait(false);
        var choice = RoutingDiscovery.FindService(strategy, ns, name, templateLabels, services);
        if (choice.Name is null)
        {
            // The Istio router reports the same problem in the same words.
            return (istio, null);
        }

        var target = TrafficTarget.From(strategy, ns, name, choice.Name, templateLabels);
        var virtualServices = await _api.ListAsync(IstioKind.VirtualService, ns, ct).ConfigureAwait(false);
        var routes = new List<JsonObject>();
        foreach (var kind in GatewayKind.All)
        {
            try
            {
                routes.AddRange(await _routes.ListAsync(kind, ns, ct).ConfigureAwait(false) ?? []);
            }
            catch (HttpOperationException e) when (e.Response?.StatusCode == System.Net.HttpStatusCode.Forbidden)
            {
                // An install whose RBAC predates Gateway API routing: such a Deployment keeps routing through Istio.
            }
        }

        var (family, problem) = RoutingFamilies.Choose(strategy, target, virtualServices, routes);
        LogChose($"{ns}/{name}", problem is null ? family.ToString() : "neither (both kinds send to its Service)");
        return problem is null ? (family == RoutingFamily.GatewayApi ? gateway : istio, null) : (null, problem.Message);
    }
}
