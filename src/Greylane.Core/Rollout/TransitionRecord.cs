namespace Greylane.Core.Rollout;

/// <summary>One entry of the status history: a transition and when it happened.</summary>
public sealed record TransitionRecord(RolloutPhase From, RolloutPhase To, RolloutTrigger Trigger, DateTimeOffset Time);
