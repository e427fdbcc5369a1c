using Greylane.Core.Analysis;
using Greylane.Core.Rollout;

namespace Greylane.Cli.Support.Tests;

/// <summary>Strategies and statuses of releases in known states.</summary>
internal static class Releases
{
    public static readonly DateTimeOffset Start = new(2026, 11, 26, 6, 0, 0, TimeSpan.Zero);

    public const string TwoSteps = """
        canaryLabels: {track: canary}
        traffic:
          lane: {header: my-request-id, value: canary}
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
            pause: manual
          - replicas: 50%
            weight: 20
            analysis: [success-rate]
            pause: 2m
        analysis:
          interval: 30s
          metrics:
            - name: success-rate
              query: sum(rate(http_requests_total{namespace="{{namespace}}",track="canary",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",track="canary"}[1m]))
              min: 0.99
              count: 3
              failureLimit: 1
        """;

    /// <summary>Step 2/2 analysing: two passes of three, one failure (limit 1).</summary>
    public static RolloutStatus Analyzing { get; } = new()
    {
        Phase = RolloutPhase.StepAnalyzing,
        Step = 1,
        Release = "aaaa111111",
        Stable = "bbbb222222",
        Since = Start.AddMinutes(3),
        Metrics = [new MetricStatus { Name = "success-rate", Passed = 2, Failed = 1, Last = MeasurementVerdict.Pass, LastValue = 0.995 }],
        Message = "step 2/2: analysing success-rate (2/3 passed)",
        History =
        [
            new TransitionRecord(RolloutPhase.Idle, RolloutPhase.Initializing, RolloutTrigger.ReleaseDetected, Start),
            new TransitionRecord(RolloutPhase.Initializing, RolloutPhase.StepScaling, RolloutTrigger.Initialized, Start.AddSeconds(1)),
            new TransitionRecord(RolloutPhase.StepPaused, RolloutPhase.StepScaling, RolloutTrigger.Promote, Start.AddMinutes(2)),
            new TransitionRecord(RolloutPhase.StepRouting, RolloutPhase.StepAnalyzing, RolloutTrigger.GraceElapsed, Start.AddMinutes(3)),
        ],
    };

    /// <summary>Step 1/2 waiting for a person.</summary>
    public static RolloutStatus PausedAtStep1 { get; } = new()
    {
        Phase = RolloutPhase.StepPaused,
        Step = 0,
        Release = "aaaa111111",
        Stable = "bbbb222222",
        Since = Start,
        Message = "step 1/2: waiting for promote",
    };

    public static RolloutStatus In(RolloutPhase phase) => PausedAtStep1 with { Phase = phase, Message = $"in {phase}" };
}
