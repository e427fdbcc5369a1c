using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>
/// Weights of one rule's backendRefs: the Service's share split between its stable backendRefs and one canary
/// backendRef, the other backends keeping their share exactly.
/// </summary>
internal static class GatewayWeights
{
    /// <summary>
    /// A copy of <paramref name="rule"/> where the canary gets <paramref name="percent"/>% of the Service's share. When the
    /// Service is the rule's only backend the weights are <c>100 - percent</c> and <c>percent</c>; otherwise the stable and
    /// canary weights sum to the stable weight, and every weight of the rule is multiplied by the smallest factor that
    /// makes the split whole (so the other backends' share does not move).
    /// </summary>
    public static JsonObject WithCanary(JsonObject rule, BackendRefs refs, int percent)
    {
        var copy = rule.DeepClone().AsObject();
        if (copy["backendRefs"] is not JsonArray items)
        {
            return copy;
        }

        var all = items.OfType<JsonObject>().ToList();
        var stable = all.Where(refs.IsStable).ToList();
        if (stable.Count == 0 || all.Any(refs.IsCanary))
        {
            return copy;
        }

        var others = all.Except(stable).ToList();
        var stableTotal = stable.Sum(BackendRefs.Weight);
        long share;
        if (others.Count == 0)
        {
            share = 100;
        }
        else
        {
            var factor = 100 / Gcd(100, stableTotal * percent);
            foreach (var other in others.Where(_ => factor > 1))
            {
                other["weight"] = BackendRefs.Weight(other) * factor;
            }

            share = stableTotal * factor;
        }

        var canaryShare = share * percent / 100;
        var quotas = stable.Select(s => stableTotal > 0 ? (double)BackendRefs.Weight(s) : 1.0).ToList();
        var shares = LargestRemainder.Apportion(quotas, (int)Math.Min(int.MaxValue, share - canaryShare));
        var canary = refs.CanaryOf(stable[0]);
        for (var i = 0; i < stable.Count; i++)
        {
            stable[i]["weight"] = shares[i];
        }

        canary["weight"] = canaryShare;
        items.Insert(items.IndexOf(stable[^1]) + 1, canary);
        return copy;
    }

    /// <summary>A copy of <paramref name="rule"/> without canary backendRefs; their weight goes back to the first stable backendRef.</summary>
    public static JsonObject WithoutCanary(JsonObject rule, BackendRefs refs)
    {
        var copy = rule.DeepClone().AsObject();
        if (copy["backendRefs"] is not JsonArray items)
        {
            return copy;
        }

        var canaries = items.OfType<JsonObject>().Where(refs.IsCanary).ToList();
        var returned = canaries.Sum(BackendRefs.Weight);
        foreach (var canary in canaries)
        {
            items.Remove(canary);
        }

        if (items.OfType<JsonObject>().FirstOrDefault(refs.IsStable) is { } stable && canaries.Count > 0)
        {
            stable["weight"] = BackendRefs.Weight(stable) + returned;
        }

        return copy;
    }

    private static long Gcd(long a, long b) => b == 0 ? a : Gcd(b, a % b);
}
