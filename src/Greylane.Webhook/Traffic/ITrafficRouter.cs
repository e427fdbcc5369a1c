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
    /// In host mode, stops pinning the stable Service to the stable pods: once the canary is deleted (the pin keeps
    /// stable traffic off canary pods for as long as they live, so a restore leaves it), and just before the
    /// Deployment's own rolling update at promotion, which replaces the pinned pods (the Service would lose its
    /// endpoints; the canary is the very version promoted, so sharing the Service with it is harmless). No-op in subset mode.
    /// </summary>
    Task<RoutingOutcome> UnpinStableAsync(RoutedRelease release, CancellationToken cancellationToken);

    /// <summary>
    /// Puts every routing object of the release back to its saved original (keeping others' edits, see
    /// docs/notes/istio.md), except a host-mode pin on the stable Service, which <see cref="UnpinStableAsync"/> removes.
    /// </summary>
    Task<RoutingOutcome> RestoreAsync(RoutedRelease release, CancellationToken cancellationToken);
}
