using System.Text.Json.Nodes;
using Greylane.Demo.Pods;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Mesh;

/// <summary>
/// The part of Istio the demo needs, read live from the sandbox: a request for a host (or at the gateway) takes the
/// first matching http route of the VirtualServices bound to it, a destination by weight, the DestinationRule subset's
/// labels, and a pod of the Service that carries them. No VirtualService: any pod of the Service, as kube-proxy would.
/// With a null namespace it serves every namespace: the gateway takes the VirtualServices of all of them, and a host
/// names its namespace (<c>mockb.e2e</c>, as <see cref="PodRunner"/> qualifies a pod's bare Service names).
/// </summary>
internal sealed class MeshRouter(IObjectStore store, string? ns, Func<IReadOnlyCollection<RunningPod>> pods)
{
    public static readonly ResourceType VirtualServices = new("networking.istio.io", "v1beta1", "virtualservices", "VirtualService", true, [], []);
    public static readonly ResourceType DestinationRules = new("networking.istio.io", "v1beta1", "destinationrules", "DestinationRule", true, [], []);

    /// <summary>Routes a request for <paramref name="host"/> (a Service name), or at the gateway when it is null.</summary>
    public MeshRoute Route(string? host, Func<string, string?> header, Func<string, string?> query, string path)
    {
        var hostNs = host is null ? ns : NamespaceOf(host) ?? ns;
        if (HttpRouteMesh.Route(store, hostNs, host is null ? null : ServiceOf(host), header, query, path) is { } routed)
        {
            return routed.Service is { } service ? Pick(service, routed.Namespace!, null, routed.Via) : new MeshRoute(null, routed.Via);
        }

        foreach (var vs in BoundVirtualServices(host, hostNs))
        {
            var routes = vs["spec"]?["http"]?.AsArray() ?? [];
            for (var i = 0; i < routes.Count; i++)
            {
                if (routes[i] is JsonObject route && IstioMatch.Route(route, header, query, path))
                {
                    var name = route["name"]?.GetValue<string>() ?? $"http[{i}]";
                    return Destination(route, vs["metadata"]!["namespace"]!.GetValue<string>(), $"{vs["metadata"]!["name"]} {name}");
                }
            }
        }

        return host is null
            ? new MeshRoute(null, "no VirtualService bound to the gateway")
            : hostNs is null ? new MeshRoute(null, $"Service {host}: no namespace") : Pick(ServiceOf(host), hostNs, null, $"Service {ServiceOf(host)}");
    }

    private IEnumerable<JsonObject> BoundVirtualServices(string? host, string? inNamespace) =>
        store.List(VirtualServices, inNamespace)
            .Where(vs => host is null
                ? Strings(vs["spec"]?["gateways"]).Any(g => g is not "mesh")
                : Strings(vs["spec"]?["hosts"]).Any(h => ServiceOf(h) == ServiceOf(host))
                    && (vs["spec"]?["gateways"] is null || Strings(vs["spec"]?["gateways"]).Contains("mesh")))
            .OrderBy(vs => vs["metadata"]?["creationTimestamp"]?.GetValue<string>(), StringComparer.Ordinal);

    private MeshRoute Destination(JsonObject route, string routeNs, string via)
    {
        var destinations = (route["route"]?.AsArray() ?? []).OfType<JsonObject>().ToList();
        if (destinations.Count == 0)
        {
            return new MeshRoute(null, $"{via}: no destination");
        }

        // Istio: a lone destination takes everything; otherwise omitted weights are 0.
        var weights = destinations.Select(d => destinations.Count == 1 ? 100 : (d["weight"] is { } w ? (int)double.Parse(w.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture) : 0)).ToList();
        var total = weights.Sum();
        var ticket = total > 0 ? Random.Shared.Next(total) : 0;
        var chosen = 0;
        while (chosen < destinations.Count - 1 && ticket >= weights[chosen])
        {
            ticket -= weights[chosen++];
        }

        var destination = destinations[chosen]["destination"]!;
        var service = ServiceOf(destination["host"]!.GetValue<string>());
        var serviceNs = NamespaceOf(destination["host"]!.GetValue<string>()) ?? routeNs;
        var subset = destination["subset"]?.GetValue<string>();
        var weight = destinations.Count > 1 ? $" ({weights[chosen]}%)" : "";
        return Pick(service, serviceNs, subset, $"{via} → {service}{(subset is null ? "" : "/" + subset)}{weight}");
    }

    private MeshRoute Pick(string service, string serviceNs, string? subset, string via)
    {
        var selector = Labels(store.Get(BuiltInResources.Services, serviceNs, service)?["spec"]?["selector"]);
        if (selector.Count == 0)
        {
            return new MeshRoute(null, $"{via}: no Service {service}");
        }

        if (subset is not null)
        {
            var rule = store.List(DestinationRules, serviceNs).FirstOrDefault(dr => ServiceOf(dr["spec"]?["host"]?.GetValue<string>() ?? "") == service);
            var entry = (rule?["spec"]?["subsets"]?.AsArray() ?? []).FirstOrDefault(s => s?["name"]?.GetValue<string>() == subset);
            if (entry is null)
            {
                return new MeshRoute(null, $"{via}: no subset {subset} in a DestinationRule for {service}");
            }

            foreach (var pair in Labels(entry["labels"]))
            {
                selector[pair.Key] = pair.Value;
            }
        }

        var candidates = pods().Where(p => p.Namespace == serviceNs && p.Matches(selector)).ToList();
        return candidates.Count == 0
            ? new MeshRoute(null, $"{via}: no healthy upstream")
            : new MeshRoute(candidates[Random.Shared.Next(candidates.Count)], via);
    }

    /// <summary><c>mockb</c>, <c>mockb.e2e</c>, <c>mockb.e2e.svc.cluster.local</c> → <c>mockb</c>; <c>*</c> stays <c>*</c>.</summary>
    private static string ServiceOf(string host) => host.Split('.')[0];

    /// <summary><c>mockb.e2e</c>, <c>mockb.e2e.svc.cluster.local</c> → <c>e2e</c>; <c>mockb</c> → null (the caller's).</summary>
    private static string? NamespaceOf(string host) => host.Split('.') is { Length: > 1 } parts ? parts[1] : null;

    private static IEnumerable<string> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select(n => n?.GetValue<string>()).OfType<string>();

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        (node as JsonObject ?? new JsonObject()).Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value!.GetValue<string>(), StringComparer.Ordinal);
}
