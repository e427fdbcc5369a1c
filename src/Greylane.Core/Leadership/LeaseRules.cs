namespace Greylane.Core.Leadership;

/// <summary>
/// The rules of a Lease lock, as client-go's leader election keeps them, over this process's monotonic clock: wall
/// clocks of different nodes never agree, so a lease is judged by how long this replica has seen it unchanged.
/// </summary>
public static class LeaseRules
{
    /// <summary>
    /// Whether <paramref name="me"/> may take (or keep) a lease whose holder is <paramref name="holder"/>, seen unchanged for
    /// <paramref name="unchangedFor"/>: it is free, ours, or its holder has not renewed it for a whole lease duration.
    /// </summary>
    public static bool MayTake(string? holder, string me, TimeSpan leaseDuration, TimeSpan unchangedFor) =>
        string.IsNullOrEmpty(holder) || string.Equals(holder, me, StringComparison.Ordinal) || unchangedFor >= leaseDuration;

    /// <summary>
    /// How long after starting a renewal that succeeded a leader may still write. Another replica takes over at the
    /// earliest a lease duration after it saw that renewal, which is after it was sent; stopping at the renew deadline
    /// leaves the rest of the lease duration as the margin for clock-rate drift and the write's own flight time.
    /// </summary>
    public static TimeSpan WritableFor(TimeSpan leaseDuration, TimeSpan renewDeadline) =>
        renewDeadline < leaseDuration ? renewDeadline : leaseDuration / 2;
}
