namespace Greylane.Webhook.Traffic;

/// <summary>
/// Puts a release's routing in place and takes it out again (Istio VirtualServices, DestinationRule, host-mode
/// Services, the lane's dye EnvoyFilter). What the controller calls for <c>ApplyRouting</c>/<c>RestoreRouting</c>
/// and to observe <c>RoutingApplied</c>/<c>RoutingRestored</c>. Every method is idempotent and reads before it
/// writes; a 409 re-reads and recomputes. Kubernetes API failures other than those the result can name are thrown
/// (the controller's queue retries with backoff).
/// </summary>
public interface ITrafficRouter
{
    /// <summary>
    /// Whether step <paramref name="step"/>'s routing (computed from the saved originals) is in place, and whether
    /// every routing object is back to its original. A strategy whose steps never change routing answers
    /// "applied and restored" without reading anything.
    /// </summary>
    Task<RoutingState> CheckAsync(RoutedRelease release, int step, CancellationToken cancellationToken);

    /// <summary>Makes routing what step <paramref name="step"/> (0-based) asks for; no-op for a step without matches or weight whose routing is original.</summary>
    Task<RoutingOutcome> ApplyAsync(RoutedRelease release, int step, CancellationToken cancellationToken);

    /// <summary>
    /// Just before the Deployment's own rolling update (promotion): in host mode, stops pinning the stable Service to
    /// the old pods, which the rolling update replaces (the Service would lose its endpoints). The canary is the very
    /// version being promoted, so sharing the stable Service with it is harmless. No-op in subset mode.
    /// </summary>
    Task<RoutingOutcome> UnpinStableAsync(RoutedRelease release, CancellationToken cancellationToken);

    /// <summary>Puts every routing object of the release back to its saved original (keeping others' edits, see docs/notes/istio.md).</summary>
    Task<RoutingOutcome> RestoreAsync(RoutedRelease release, CancellationToken cancellationToken);
}
