using System.Globalization;
using Greylane.Core.Strategy;

namespace Greylane.Core.Admission;

/// <summary>
/// Warns about steps that send the canary a larger share of the traffic than it holds of the pods (1 canary pod of 5
/// taking 100 %): each canary pod then carries more load than a stable one, which a release should not learn in production.
/// </summary>
internal static class TrafficShare
{
    /// <summary>The warnings for <paramref name="strategy"/> on a Deployment of <paramref name="replicas"/> (stable pods stay while a release runs).</summary>
    public static IEnumerable<string> Warnings(RolloutStrategy strategy, int replicas, string deployment)
    {
        if (replicas <= 0)
        {
            yield break;
        }

        for (var i = 0; i < strategy.Steps.Count; i++)
        {
            if (strategy.Steps[i].Weight is not (> 0 and var weight))
            {
                continue;
            }

            var canary = strategy.Steps[i].Replicas.Resolve(replicas);
            var podShare = (double)canary / (canary + replicas);
            if (weight / 100.0 <= podShare)
            {
                continue;
            }

            // Load of one canary pod over one stable pod's; with all traffic on the canary the stable pods carry none.
            var load = weight == 100 ? "stable pods idle" : string.Create(CultureInfo.InvariantCulture, $"{weight * (double)replicas / (canary * (100.0 - weight)):0.#}x a stable pod's load each");
            yield return string.Create(CultureInfo.InvariantCulture,
                $"greylane: step {i + 1} of {deployment} sends {weight}% of traffic to {canary} of {canary + replicas} pods: {load}");
        }
    }
}
