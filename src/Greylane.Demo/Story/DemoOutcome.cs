using Greylane.Core.Rollout;

namespace Greylane.Demo.Story;

/// <summary>How the two releases ended; <see cref="Succeeded"/> only when the first completed and the second rolled back.</summary>
internal sealed record DemoOutcome(RolloutPhase? FirstRelease, RolloutPhase? SecondRelease, bool GatedByAnalysis, IReadOnlyList<string> Problems)
{
    public bool Succeeded => FirstRelease == RolloutPhase.Completed && SecondRelease == RolloutPhase.RolledBack && Problems.Count == 0;
}
