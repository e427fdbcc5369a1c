namespace Greylane.Webhook.Traffic;

/// <summary>
/// What <see cref="ITrafficRouter.CheckAsync"/> saw. <paramref name="Errors"/> name why the step's routing cannot be
/// built (a missing VirtualService, an overlapping subset…) with the fix; the controller reports them in the status.
/// <paramref name="Drift"/> says what of Greylane's routing someone reverted (empty when in place).
/// <paramref name="StablePinned"/>: in host mode, the stable Service is still pinned to the stable pods.
/// </summary>
public sealed record RoutingState(bool Applied, bool Restored, IReadOnlyList<string> Errors, IReadOnlyList<string> Drift, bool StablePinned = false)
{
    /// <summary>Nothing to route: applied and restored.</summary>
    public static RoutingState Untouched { get; } = new(true, true, [], []);
}
