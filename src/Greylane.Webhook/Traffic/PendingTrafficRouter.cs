namespace Greylane.Webhook.Traffic;

/// <summary>
/// Until the Istio router is wired in: a strategy whose steps never change routing needs nothing; one that does is
/// refused clearly (never silently skipped).
/// </summary>
internal sealed class PendingTrafficRouter : ITrafficRouter
{
    private const string Refusal = "this build of Greylane cannot change Istio routing yet; remove weight and matches from the strategy's steps";

    public Task<RoutingState> CheckAsync(RoutedRelease release, int step, CancellationToken cancellationToken) =>
        Task.FromResult(ChangesRouting(release) ? new RoutingState(false, true, [Refusal], []) : RoutingState.Untouched);

    public Task<RoutingOutcome> ApplyAsync(RoutedRelease release, int step, CancellationToken cancellationToken) =>
        Task.FromResult(ChangesRouting(release) ? new RoutingOutcome(false, [Refusal], []) : RoutingOutcome.Nothing);

    public Task<RoutingOutcome> RestoreAsync(RoutedRelease release, CancellationToken cancellationToken) => Task.FromResult(RoutingOutcome.Nothing);

    private static bool ChangesRouting(RoutedRelease release) => release.Strategy.Steps.Any(s => s.ChangesRouting);
}
