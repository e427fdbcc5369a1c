using Greylane.Core.Rollout;

namespace Greylane.Demo.Story;

/// <summary>How the two releases ended; <see cref="Succeeded"/> only when the first completed and the second rolled back.</summary>
internal sealed record DemoOutcome(RolloutPhase? FirstRelease, RolloutPhase? SecondRelease, bool RolledBackByAnalysis, IReadOnlyList<string> Problems)
{
    /// <summary>From the first <c>kubectl</c> command of each release to its end (or to giving up).</summary>
    public IReadOnlyList<TimeSpan> Durations { get; init; } = [];

    public bool Succeeded => FirstRelease == RolloutPhase.Completed && SecondRelease == RolloutPhase.RolledBack && Problems.Count == 0;
}
