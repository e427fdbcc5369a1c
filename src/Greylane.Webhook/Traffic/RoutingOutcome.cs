namespace Greylane.Webhook.Traffic;

/// <summary>
/// What <see cref="ITrafficRouter.ApplyAsync"/> or <see cref="ITrafficRouter.RestoreAsync"/> did: <paramref name="Errors"/>
/// when Greylane refused to write (nothing half-written), <paramref name="Notes"/> for the status (e.g. whose edits a
/// restore kept), <paramref name="Changed"/> when something was written.
/// </summary>
public sealed record RoutingOutcome(bool Changed, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes)
{
    /// <summary>Nothing needed writing.</summary>
    public static RoutingOutcome Nothing { get; } = new(false, [], []);
}
