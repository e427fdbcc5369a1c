namespace Greylane.Webhook.Controller;

/// <summary>What one reconcile asks of the queue: run again after <paramref name="RequeueAfter"/> (null: only on events), or at once after a conflict.</summary>
internal sealed record ReconcileResult(TimeSpan? RequeueAfter, bool Conflict = false)
{
    public static ReconcileResult Idle { get; } = new((TimeSpan?)null);

    public static ReconcileResult Conflicted { get; } = new(TimeSpan.Zero, Conflict: true);
}
