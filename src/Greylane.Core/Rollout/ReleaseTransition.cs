namespace Greylane.Core.Rollout;

/// <summary>
/// One transition a decision took, with what it was about (for notifications): the status fields just before it
/// (<paramref name="Before"/>) and just after it (<paramref name="After"/>), the sentence its Event carries, and its place
/// among the decision's transitions.
/// </summary>
public sealed record ReleaseTransition(RolloutTrigger Trigger, RolloutStatus Before, RolloutStatus After, string Message, int Ordinal)
{
    /// <summary>The phase left.</summary>
    public RolloutPhase From => Before.Phase;

    /// <summary>The phase entered (the same for an internal transition such as <c>pause</c>).</summary>
    public RolloutPhase To => After.Phase;
}
