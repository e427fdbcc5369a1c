using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using k8s.Models;

namespace Greylane.Webhook.Traffic;

/// <summary>Reads what a release steers: its Service, VirtualServices, DestinationRule and canary Service, only in the Deployment's namespace.</summary>
internal sealed class RoutingReader(RoutingApi api)
{
    public async Task<RoutingWorld> ReadAsync(RoutedRelease release, CancellationToken ct)
    {
        var deployment = release.Deployment;
        var ns = deployment.Metadata?.NamespaceProperty ?? "default";
        var name = deployment.Metadata?.Name ?? "";
        var istio = release.Strategy.Traffic.Istio;
        var errors = new List<string>();
        if (release.Strategy.Traffic.Service is { } named)
        {
            Refuse(errors, "Service", named, ns);
        }

        foreach (var vs in istio.VirtualServices)
        {
            Refuse(errors, "VirtualService", vs, ns);
        }

        if (istio.DestinationRule is { } drName)
        {
            Refuse(errors, "DestinationRule", drName, ns);
        }

        if (errors.Count > 0)
        {
            return RoutingWorld.Failed(errors);
        }

        var templateLabels = deployment.Spec?.Template?.Metadata?.Labels?.ToDictionary(StringComparer.Ordinal)
            ?? new Dictionary<string, string>(StringComparer.Ordinal);
        var (serviceName, service) = await ServiceAsync(release, ns, name, templateLabels, errors, ct).ConfigureAwait(false);
        if (serviceName is null)
        {
            return RoutingWorld.Failed(errors);
        }

        var target = TrafficTarget.From(release.Strategy, ns, name, serviceName, templateLabels);
        var virtualServices = await VirtualServicesAsync(istio.VirtualServices, target, errors, ct).ConfigureAwait(false);
        var destinationRule = await DestinationRuleAsync(istio.DestinationRule, target, errors, ct).ConfigureAwait(false);
        var canary = await api.GetServiceAsync(ns, target.CanaryService, ct).ConfigureAwait(false);
        string? foreign = null;
        if (canary is not null && !OwnedBy(canary, deployment))
        {
            foreign = $"Service {ns}/{target.CanaryService} exists and is not Greylane's (no ownerReference to Deployment {ns}/{name}); host mode needs that name for the canary Service: rename or delete the existing Service, or route through DestinationRule subsets";
            canary = null;
        }

        return new RoutingWorld(target, new TrafficObjects(virtualServices, destinationRule, service), canary, errors, foreign);
    }

    private async Task<(string? Name, JsonObject? Service)> ServiceAsync(
        RoutedRelease release, string ns, string deployment, Dictionary<string, string> templateLabels, List<string> errors, CancellationToken ct)
    {
        if (release.Strategy.Traffic.Service is { } named)
        {
            return (named, await api.GetServiceAsync(ns, named, ct).ConfigureAwait(false));
        }

        var matching = (await api.ListServicesAsync(ns, ct).ConfigureAwait(false)).Where(s => RoutingObjects.SelectsPods(s, templateLabels)).ToList();
        switch (matching.Count)
        {
            case 1:
                return (RoutingApi.Name(matching[0]), matching[0]);
            case 0:
                errors.Add($"Deployment {ns}/{deployment}: no Service in {ns} selects its pods ({string.Join(", ", templateLabels.Select(l => $"{l.Key}={l.Value}"))}); set traffic.service in the strategy to the Service its VirtualServices route to");
                return (null, null);
            default:
                errors.Add($"Deployment {ns}/{deployment}: several Services select its pods ({string.Join(", ", matching.Select(RoutingApi.Name))}); set traffic.service in the strategy to the one its VirtualServices route to");
                return (null, null);
        }
    }

    private async Task<IReadOnlyList<JsonObject>> VirtualServicesAsync(
        IReadOnlyList<string> names, TrafficTarget target, List<string> errors, CancellationToken ct)
    {
        var all = await api.ListAsync(IstioKind.VirtualService, target.Namespace, ct).ConfigureAwait(false);
        if (all is null)
        {
            errors.Add(NotServed(IstioKind.VirtualService));
            return [];
        }

        if (names.Count == 0)
        {
            return [.. all.Where(vs => RoutingObjects.RoutesTo(vs, target))];
        }

        var found = new List<JsonObject>();
        foreach (var name in names)
        {
            if (all.FirstOrDefault(vs => RoutingApi.Name(vs) == name) is { } vs)
            {
                found.Add(vs);
            }
            else
            {
                errors.Add($"VirtualService {target.Namespace}/{name} (traffic.istio.virtualServices) does not exist; create it in {target.Namespace} or correct the name in the strategy");
            }
        }

        return found;
    }

    private async Task<JsonObject?> DestinationRuleAsync(string? name, TrafficTarget target, List<string> errors, CancellationToken ct)
    {
        var all = await api.ListAsync(IstioKind.DestinationRule, target.Namespace, ct).ConfigureAwait(false);
        if (all is null)
        {
            errors.Add(NotServed(IstioKind.DestinationRule));
            return null;
        }

        if (name is not null)
        {
            var named = all.FirstOrDefault(dr => RoutingApi.Name(dr) == name);
            if (named is null)
            {
                errors.Add($"DestinationRule {target.Namespace}/{name} (traffic.istio.destinationRule) does not exist; create it in {target.Namespace} or correct the name in the strategy");
            }

            return named;
        }

        var matching = all.Where(dr => RoutingObjects.IsDestinationRuleFor(dr, target)).ToList();
        if (matching.Count > 1)
        {
            errors.Add($"Service {target.Namespace}/{target.Service}: several DestinationRules are for its host ({string.Join(", ", matching.Select(RoutingApi.Name))}); name the one to use in traffic.istio.destinationRule");
            return null;
        }

        return matching.FirstOrDefault();
    }

    /// <summary>The message for an Istio kind the API server does not serve.</summary>
    public static string NotServed(IstioKind kind) =>
        $"the API server does not serve {kind.Plural}.{IstioKind.Group}/{kind.Version}: Istio's CRDs are missing; install Istio (or its CRDs) in the cluster, or remove the traffic settings from the strategy";

    private static void Refuse(List<string> errors, string kind, string name, string ns)
    {
        if (RoutingObjects.CheckReference(kind, name, ns) is { } error)
        {
            errors.Add(error);
        }
    }

    /// <summary>True when <paramref name="obj"/> has an ownerReference to the Deployment (by uid when known).</summary>
    public static bool OwnedBy(JsonObject obj, V1Deployment deployment) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(o =>
            o["kind"]?.GetValue<string>() == "Deployment"
            && (deployment.Metadata?.Uid is { } uid
                ? o["uid"]?.GetValue<string>() == uid
                : o["name"]?.GetValue<string>() == deployment.Metadata?.Name));
}
