using System.Diagnostics;
using System.Globalization;
using Greylane.Core.Rollout;

namespace Greylane.ControllerBenchmark;

/// <summary>Prints one release step by step (<c>--timeline</c>): every committed change of its Deployment and its canary, in ms after the update was sent.</summary>
internal static class Timeline
{
    public static void Print(string scale, ReleaseTimes release, IReadOnlyList<DeploymentSample> samples, CanaryTimes? canary)
    {
        Console.WriteLine($"  timeline of {release.Key} ({scale}), ms after the update was sent:");
        var lines = samples.Select(s => (s.At, Text: Describe(s))).ToList();
        if (canary is not null)
        {
            lines.AddRange(new[] { (canary.Created, "canary ReplicaSet created"), (canary.Ready, "canary ReplicaSet available"), (canary.Deleted, "canary ReplicaSet deleted") }
                .Where(l => l.Item1 > 0));
        }

        foreach (var (at, text) in lines.OrderBy(l => l.At))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"    {Stopwatch.GetElapsedTime(release.Sent, at).TotalMilliseconds,8:F0}  {text}"));
        }
    }

    private static string Describe(DeploymentSample s)
    {
        var status = RolloutStatusJson.Read(s.Status);
        return string.Create(CultureInfo.InvariantCulture,
            $"deployment: phase {status.Phase}, paused {s.Paused}, release {s.Release ?? "-"}, generation {s.ObservedGeneration}/{s.Generation}, updated {s.UpdatedReplicas}, available {s.AvailableReplicas}/{s.Replicas}");
    }
}
