namespace Greylane.Core.Rollout;

/// <summary>
/// The release status kept as JSON in <c>greylane.dev/status</c>: everything the step machine needs to stay
/// level-triggered. The webhook reads it too, with the same <see cref="RolloutStatusJson.Read"/>, for
/// <see cref="Phase"/> and <see cref="Release"/>.
/// </summary>
public sealed record RolloutStatus
{
    /// <summary>The status of a Deployment with no release yet.</summary>
    public static RolloutStatus Idle { get; } = new();

    /// <summary>The current state.</summary>
    public RolloutPhase Phase { get; init; } = RolloutPhase.Idle;

    /// <summary>The current step, 0-based (messages count from 1).</summary>
    public int Step { get; init; }

    /// <summary>The release (template hash) being worked on, or the last one that ended.</summary>
    public string? Release { get; init; }

    /// <summary>The template hash the release replaces.</summary>
    public string? Stable { get; init; }

    /// <summary>When the current phase (or step) was entered; waits and deadlines count from here.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>A person sent <c>pause</c>: nothing advances until <c>resume</c>; deadlines do not run.</summary>
    public bool PausedByUser { get; init; }

    /// <summary>In <see cref="RolloutPhase.StepPaused"/>: held for a human after inconclusive analysis.</summary>
    public bool Held { get; init; }

    /// <summary>Routing was changed during this release, so restoring it needs the grace period.</summary>
    public bool RoutingTouched { get; init; }

    /// <summary>
    /// The canary lost pods while routing sent it traffic, so routing went back to the original (stable) until the canary
    /// is ready again; the step's routing and analysis then start over.
    /// </summary>
    public bool TrafficWithdrawn { get; init; }

    /// <summary>
    /// How many canary pods the routing in force was put in place for (the step's size then). Fewer available pods is a
    /// loss; a later scale-up of the Deployment, which raises a step's size in percent, is not.
    /// </summary>
    public int? RoutedPods { get; init; }

    /// <summary>In <see cref="RolloutPhase.StepRouting"/>: when the step's routing was seen in place.</summary>
    public DateTimeOffset? RoutedAt { get; init; }

    /// <summary>In cleanup phases: when the original routing was seen restored.</summary>
    public DateTimeOffset? RestoredAt { get; init; }

    /// <summary>When the current step's analysis started; older measurements never count.</summary>
    public DateTimeOffset? AnalysisSince { get; init; }

    /// <summary>In a final phase: the release annotation was seen removed, so any later one is a new release.</summary>
    public bool ReleaseCleared { get; init; }

    /// <summary>Counters of the current step's metrics, in the step's order.</summary>
    public IReadOnlyList<MetricStatus> Metrics { get; init; } = [];

    /// <summary>
    /// The release's recent measurements of every metric and step, oldest first, bounded by <see cref="MeasurementSeries"/>
    /// (per metric and in all); cleared when a release starts.
    /// </summary>
    public IReadOnlyList<RecordedMeasurement> Measurements { get; init; } = [];

    /// <summary>The trigger of the last transition.</summary>
    public RolloutTrigger? Reason { get; init; }

    /// <summary>A sentence for people: what happened last, or what the release waits for.</summary>
    public string? Message { get; init; }

    /// <summary>The last transitions, oldest first (at most <see cref="HistoryLimit"/>).</summary>
    public IReadOnlyList<TransitionRecord> History { get; init; } = [];

    /// <summary>How many transitions <see cref="History"/> keeps.</summary>
    public const int HistoryLimit = 10;

    /// <summary>
    /// The phase as it applies to <paramref name="release"/>: null when the status is still about an earlier release (the
    /// webhook starts a release before the controller has seen it), which says nothing about this one.
    /// </summary>
    public RolloutPhase? PhaseOf(string release) => Release is null || Release == release ? Phase : null;
}
