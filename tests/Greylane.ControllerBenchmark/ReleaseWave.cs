namespace Greylane.ControllerBenchmark;

/// <summary>A second wave of the same M releases, run once the first is done (see <c>ScaleRun.SecondWaveAsync</c>).</summary>
internal sealed record ReleaseWave(IReadOnlyList<ReleaseTimes> Releases, TimeSpan? AllCompleted, TimeSpan Cpu, double Reconciles)
{
    public Distribution UpdateToCanary => Figures(r => ReleaseTimes.Milliseconds(r.Held, r.CanaryCreated));

    public Distribution CanaryReadyToNext => Figures(r => ReleaseTimes.Milliseconds(r.CanaryReady, r.AfterCanaryReady));

    private Distribution Figures(Func<ReleaseTimes, double?> figure) => new(Releases.Select(figure).OfType<double>());
}
