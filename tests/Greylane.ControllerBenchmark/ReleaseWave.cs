namespace Greylane.ControllerBenchmark;

/// <summary>M releases sent at once, and the figures read from their times: the first wave, or a later one run once the one before is done (see <c>ScaleRun.WaveAsync</c>).</summary>
internal sealed record ReleaseWave(IReadOnlyList<ReleaseTimes> Releases, TimeSpan? AllCompleted, TimeSpan Cpu, TimeSpan JitCpu, double Reconciles)
{
    public Distribution UpdateToCanary => Figures(r => ReleaseTimes.Milliseconds(r.Held, r.CanaryCreated));

    public Distribution SentToCanary => Figures(r => ReleaseTimes.Milliseconds(r.Sent, r.CanaryCreated));

    public Distribution CanaryReadyToNext => Figures(r => ReleaseTimes.Milliseconds(r.CanaryReady, r.AfterCanaryReady));

    public Distribution RolledOutToNext => Figures(r => ReleaseTimes.Milliseconds(r.RolledOut, r.AfterRolledOut));

    public Distribution UpdateToCompleted => Figures(r => ReleaseTimes.Milliseconds(r.Held, r.Completed));

    private Distribution Figures(Func<ReleaseTimes, double?> figure) => new(Releases.Select(figure).OfType<double>());
}

/// <summary>
/// The last wave (see <c>ScaleRun.LaterWavesAsync</c>): its figures and the tier-up threads' CPU from the
/// start of the first wave to the start of this one.
/// </summary>
internal sealed record LastWave(ReleaseWave Wave, TimeSpan TierUpBefore);
