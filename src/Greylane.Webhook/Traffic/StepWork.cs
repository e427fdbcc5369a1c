namespace Greylane.Webhook.Traffic;

/// <summary>What putting one step in place still takes, in write order, or why Greylane refuses to.</summary>
internal sealed record StepWork(IReadOnlyList<PendingWrite> Pending, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes);
