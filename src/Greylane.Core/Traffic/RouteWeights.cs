using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Weights of one route's destinations: the host's share split between stable and canary, other hosts untouched.</summary>
internal static class RouteWeights
{
    /// <summary>
    /// A copy of <paramref name="route"/> where the canary gets <paramref name="percent"/>% of the host's share and the host's
    /// stable destinations keep the rest in their original proportions; integer weights summing to exactly 100.
    /// </summary>
    public static JsonObject WithCanary(JsonObject route, HostDestinations hosts, int percent)
    {
        var copy = route.DeepClone().AsObject();
        var destinations = Json.Objects(copy, "route").ToList();
        var stable = destinations.Where(hosts.IsStable).ToList();
        if (stable.Count == 0 || destinations.Any(hosts.IsCanary))
        {
            return copy;
        }

        var weights = Weights(destinations);
        var hostShare = Math.Max(0, 100 - destinations.Where(d => !hosts.IsStable(d)).Sum(d => weights[d]));
        var stableTotal = stable.Sum(d => weights[d]);
        var canaryQuota = hostShare * percent / 100.0;
        List<double> quotas = [.. stable.Select(d => stableTotal > 0
            ? (hostShare - canaryQuota) * weights[d] / stableTotal
            : (hostShare - canaryQuota) / stable.Count), canaryQuota];
        var shares = LargestRemainder.Apportion(quotas, hostShare);

        var canary = hosts.CanaryOf(stable[0]);
        for (var i = 0; i < stable.Count; i++)
        {
            stable[i]["weight"] = shares[i];
        }

        canary["weight"] = shares[^1];
        copy["route"]!.AsArray().Add(canary);
        return copy;
    }

    /// <summary>
    /// A copy of <paramref name="route"/> without canary destinations; the host's stable destinations take back the
    /// canary's share in proportion (a lone destination loses its weight, as Istio needs none).
    /// </summary>
    public static JsonObject WithoutCanary(JsonObject route, HostDestinations hosts)
    {
        var copy = route.DeepClone().AsObject();
        if (copy["route"] is not JsonArray items || !items.OfType<JsonObject>().Any(hosts.IsCanary))
        {
            return copy;
        }

        foreach (var canary in items.OfType<JsonObject>().Where(hosts.IsCanary).ToList())
        {
            items.Remove(canary);
        }

        var destinations = items.OfType<JsonObject>().ToList();
        if (destinations.Count == 1)
        {
            destinations[0].Remove("weight");
            return copy;
        }

        var weights = Weights(destinations);
        var stable = destinations.Where(hosts.IsStable).ToList();
        var hostShare = Math.Max(0, 100 - destinations.Where(d => !hosts.IsStable(d)).Sum(d => weights[d]));
        var shares = LargestRemainder.Apportion([.. stable.Select(d => (double)weights[d])], hostShare);
        for (var i = 0; i < stable.Count; i++)
        {
            stable[i]["weight"] = shares[i];
        }

        return copy;
    }

    // Istio: a lone destination takes all traffic; among several, an omitted weight is 0.
    private static Dictionary<JsonObject, int> Weights(List<JsonObject> destinations) =>
        destinations.ToDictionary<JsonObject, JsonObject, int>(
            d => d,
            d => (int)(Json.Integer(d, "weight") ?? (destinations.Count == 1 ? 100 : 0)),
            ReferenceEqualityComparer.Instance);
}
