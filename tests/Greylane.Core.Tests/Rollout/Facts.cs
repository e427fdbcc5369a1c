using Greylane.Core.Analysis;
using Greylane.Core.Rollout;

namespace Greylane.Core.Rollout.Tests;

/// <summary>Observations and statuses for the step machine tests.</summary>
internal static class Facts
{
    public const string Release = "r1";
    public const string NewerRelease = "r2";
    public const string StableHash = "s0";

    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 4, 0, 0, TimeSpan.Zero);

    /// <summary>A Deployment of 4 replicas that the webhook has just held for release r1.</summary>
    public static Observation Held { get; } = new()
    {
        Release = Release,
        Stable = StableHash,
        DesiredReplicas = 4,
        Paused = true,
        RoutingApplied = false,
        RoutingRestored = true,
    };

    public static Observation WithCanary(this Observation facts, int replicas, int available, string release = Release) =>
        facts with { Canaries = [new CanaryObservation(release, replicas, available)] };

    public static Observation WithCommand(this Observation facts, string command) => facts with { Command = command };

    public static Observation Measured(this Observation facts, string metric, MeasurementVerdict verdict, DateTimeOffset time, double? value = null, string? message = null) =>
        facts with { Measurements = [.. facts.Measurements, new Measurement(metric, verdict, value, message, time)] };

    /// <summary>A status in <paramref name="phase"/> at step <paramref name="step"/> of release r1, entered at <see cref="T0"/>.</summary>
    public static RolloutStatus In(RolloutPhase phase, int step = 0) => new()
    {
        Phase = phase,
        Step = step,
        Release = Release,
        Stable = StableHash,
        Since = T0,
    };
}
