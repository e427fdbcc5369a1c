namespace Greylane.Core.Rollout;

/// <summary>What <see cref="StepMachine.Decide(Observation, RolloutStatus, Strategy.RolloutStrategy, DateTimeOffset)"/> returns: the status to persist, then the actions to run in order.</summary>
public sealed record Decision(RolloutStatus Status, IReadOnlyList<RolloutAction> Actions)
{
    /// <summary>The transitions taken, in order (the same ones the Emit actions and the status history record).</summary>
    public IReadOnlyList<ReleaseTransition> Transitions { get; init; } = [];
}
