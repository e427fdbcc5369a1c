using System.Diagnostics;
using Greylane.Core.Rollout;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// The moments of one release, all commit times in the sandbox's store (Stopwatch ticks, null: never seen):
/// the held update, the canary's creation and first available pod, the controller's next phase after that,
/// the Deployment's own rollout complete after promotion and the controller's next phase after that, and the end.
/// </summary>
internal sealed record ReleaseTimes(
    string Key,
    long Sent,
    long? Held,
    long? CanaryCreated,
    long? CanaryReady,
    long? AfterCanaryReady,
    long? RolledOut,
    long? AfterRolledOut,
    long? Completed)
{
    public static ReleaseTimes Of(string key, long sent, IReadOnlyList<DeploymentSample> samples, CanaryTimes? canary)
    {
        var heldSample = samples.FirstOrDefault(s => s.Release is not null);
        long? held = heldSample?.At;

        // Only what follows the held update and speaks of its release: until the controller reacts, the status still
        // reads the previous release's phase (a second wave starts from "Completed").
        var phases = samples
            .Where(s => held is { } h && s.At >= h)
            .Select(s => (Sample: s, Status: RolloutStatusJson.Read(s.Status)))
            .Where(p => p.Status.Release == heldSample!.Release)
            .Select(p => (p.Sample, p.Status.Phase))
            .ToList();
        long? ready = canary is { Ready: > 0 } ? canary.Ready : null;
        long? afterReady = ready is { } r
            ? phases.FirstOrDefault(p => p.Sample.At >= r && p.Phase > RolloutPhase.StepScaling).Sample?.At
            : null;
        long? promoting = phases.FirstOrDefault(p => p.Phase == RolloutPhase.Promoting).Sample?.At;
        long? rolledOut = promoting is { } from
            ? phases.FirstOrDefault(p => p.Sample.At > from && !p.Sample.Paused && p.Sample.ObservedGeneration >= p.Sample.Generation
                && p.Sample.UpdatedReplicas == p.Sample.Replicas && p.Sample.AvailableReplicas == p.Sample.Replicas).Sample?.At
            : null;
        long? afterRolledOut = rolledOut is { } o
            ? phases.FirstOrDefault(p => p.Sample.At >= o && p.Phase > RolloutPhase.Promoting).Sample?.At
            : null;
        long? completed = phases.FirstOrDefault(p => p.Phase == RolloutPhase.Completed).Sample?.At;
        return new ReleaseTimes(key, sent, held, canary is { Created: > 0 } ? canary.Created : null, ready, afterReady, rolledOut, afterRolledOut, completed);
    }

    public static double? Milliseconds(long? from, long? to) =>
        from is { } a && to is { } b ? Stopwatch.GetElapsedTime(a, b).TotalMilliseconds : null;
}
