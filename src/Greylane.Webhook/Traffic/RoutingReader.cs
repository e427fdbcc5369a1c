using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using k8s.Models;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// Reads what a release steers, only in the Deployment's namespace: the lists <see cref="RoutingDiscovery"/> chooses the
/// Service, VirtualServices and DestinationRule from (the rule <c>plan</c> and <c>{{service}}</c> follow too), and the canary Service.
/// </summary>
internal sealed class RoutingReader(RoutingApi api)
{
    public async Task<RoutingWorld> ReadAsync(RoutedRelease release, CancellationToken ct)
    {
        var deployment = release.Deployment;
        var ns = deployment.Metadata?.NamespaceProperty ?? "default";
        var name = deployment.Metadata?.Name ?? "";
        var strategy = release.Strategy;
        var templateLabels = deployment.Spec?.Template?.Metadata?.Labels?.ToDictionary(StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);

        // A name that leaves the namespace is refused before any call; the Service by name is a get, else a list.
        if (RoutingDiscovery.CheckReferences(strategy, ns) is { Count: > 0 } refused)
        {
            return RoutingWorld.Failed([.. refused.Select(p => p.Message)]);
        }

        IReadOnlyList<JsonObject> services = strategy.Traffic.Service is { } named
            ? await api.GetServiceAsync(ns, named, ct).ConfigureAwait(false) is { } service ? [service] : []
            : await api.ListServicesAsync(ns, ct).ConfigureAwait(false);
        var choice = RoutingDiscovery.FindService(strategy, ns, name, templateLabels, services);
        if (choice.Problem is { } problem)
        {
            return RoutingWorld.Failed([problem.Message]);
        }

        var virtualServices = await api.ListAsync(IstioKind.VirtualService, ns, ct).ConfigureAwait(false);
        var destinationRules = await api.ListAsync(IstioKind.DestinationRule, ns, ct).ConfigureAwait(false);
        var found = RoutingDiscovery.Find(strategy, ns, name, templateLabels, services, virtualServices, destinationRules);
        var errors = new List<string>();
        if (virtualServices is null)
        {
            errors.Add(NotServed(IstioKind.VirtualService));
        }

        if (destinationRules is null)
        {
            errors.Add(NotServed(IstioKind.DestinationRule));
        }

        errors.AddRange(found.Errors);
        var target = found.Target!;
        var canary = await api.GetServiceAsync(ns, target.CanaryService, ct).ConfigureAwait(false);
        string? foreign = null;
        if (canary is not null && !OwnedBy(canary, deployment))
        {
            foreign = $"Service {ns}/{target.CanaryService} exists and is not Greylane's (no ownerReference to Deployment {ns}/{name}); host mode needs that name for the canary Service: rename or delete the existing Service, or route through DestinationRule subsets";
            canary = null;
        }

        return new RoutingWorld(target, found.Objects, canary, errors, foreign);
    }

    /// <summary>The message for an Istio kind the API server does not serve.</summary>
    public static string NotServed(IstioKind kind) =>
        $"the API server does not serve {kind.Plural}.{IstioKind.Group}/{kind.Version}: Istio's CRDs are missing; install Istio (or its CRDs) in the cluster, or remove the traffic settings from the strategy";

    /// <summary>True when <paramref name="obj"/> has an ownerReference to the Deployment (by uid when known).</summary>
    public static bool OwnedBy(JsonObject obj, V1Deployment deployment) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(o =>
            o["kind"]?.GetValue<string>() == "Deployment"
            && (deployment.Metadata?.Uid is { } uid
                ? o["uid"]?.GetValue<string>() == uid
                : o["name"]?.GetValue<string>() == deployment.Metadata?.Name));
}
