namespace Greylane.Core.Strategy;

/// <summary>One step of a release: canary size, routing, the metrics that gate it, and how it waits.</summary>
public sealed record StepSpec(
    ReplicaCount Replicas,
    int? Weight,
    IReadOnlyList<MatchSpec> Matches,
    PauseSpec Pause,
    IReadOnlyList<string> Analysis)
{
    /// <summary>True when the step changes routing (matches or weight).</summary>
    public bool ChangesRouting => Weight is not null || Matches.Count > 0;
}

/// <summary>How a step waits once its canary is ready, routed and measured.</summary>
public sealed record PauseSpec(bool IsManual, TimeSpan Duration)
{
    /// <summary>Wait for a person's <c>promote</c> command.</summary>
    public static PauseSpec Manual { get; } = new(true, TimeSpan.Zero);

    /// <summary>Move on as soon as the step's conditions hold.</summary>
    public static PauseSpec None { get; } = new(false, TimeSpan.Zero);

    /// <summary>Wait a fixed time, then move on.</summary>
    public static PauseSpec For(TimeSpan duration) => new(false, duration);
}
