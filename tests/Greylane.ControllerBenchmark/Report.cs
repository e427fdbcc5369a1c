using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>Prints the figures of both scales side by side, with the ratio large/baseline.</summary>
internal static class Report
{
    private const double MiB = 1024 * 1024;

    public static void Print(ScaleResult baseline, ScaleResult large)
    {
        Console.WriteLine();
        Console.WriteLine(Row("", Title(baseline), Title(large), "ratio"));
        Console.WriteLine(new string('-', 100));
        Seconds("setup: Deployments created and available", baseline.Setup, large.Setup);
        Seconds("Greylane: process start -> listening", baseline.ToListening, large.ToListening);
        Seconds("Greylane: process start -> Lease taken", baseline.ToLeading, large.ToLeading);
        Seconds("Greylane: process start -> controller synced", baseline.ToSynced, large.ToSynced);
        Plain("reconciles until synced", baseline.ReconcilesAtSync, large.ReconcilesAtSync, "F0");
        Plain("Greylane CPU ms until synced", baseline.SyncCpu.TotalMilliseconds, large.SyncCpu.TotalMilliseconds, "F0");
        Plain("sandbox CPU ms meanwhile", baseline.SandboxSyncCpu.TotalMilliseconds, large.SandboxSyncCpu.TotalMilliseconds, "F0");
        Memory("RSS idle after sync (VmRSS)", baseline.IdleRssBytes, large.IdleRssBytes);
        Plain($"CPU ms used while idle ({baseline.IdleWindow.TotalSeconds:F0} s)", baseline.IdleCpu.TotalMilliseconds, large.IdleCpu.TotalMilliseconds, "F0");
        Plain("reconciles while idle", baseline.IdleReconciles, large.IdleReconciles, "F0");
        Plain("/metrics page, KiB", baseline.MetricsPageBytes / 1024.0, large.MetricsPageBytes / 1024.0, "F0");
        Memory("RSS peak during releases (sampled 100 ms)", baseline.ReleasePeakRssBytes, large.ReleasePeakRssBytes);
        Memory("RSS peak over the process life (VmHWM)", baseline.LifetimePeakRssBytes, large.LifetimePeakRssBytes);
        Plain("first release (warm-up, alone): update -> canary, ms", Cold(baseline, r => ReleaseTimes.Milliseconds(r.Held, r.CanaryCreated)), Cold(large, r => ReleaseTimes.Milliseconds(r.Held, r.CanaryCreated)), "F0");
        Plain("first release (warm-up, alone): update -> Completed, ms", Cold(baseline, r => ReleaseTimes.Milliseconds(r.Held, r.Completed)), Cold(large, r => ReleaseTimes.Milliseconds(r.Held, r.Completed)), "F0");
        Console.WriteLine(Row("then all M at once:", "", "", ""));
        Seconds("sending all updates", baseline.SendAll, large.SendAll);
        Latency("sandbox API: GET one Deployment, during releases", baseline.ApiGet, large.ApiGet);
        Latency("update committed -> canary RS created", baseline.UpdateToCanary, large.UpdateToCanary);
        Latency("update sent -> canary RS created", baseline.SentToCanary, large.SentToCanary);
        Latency("canary available -> next phase written", baseline.CanaryReadyToNext, large.CanaryReadyToNext);
        Latency("rollout complete -> next phase written", baseline.RolledOutToNext, large.RolledOutToNext);
        Latency("update committed -> Completed", baseline.UpdateToCompleted, large.UpdateToCompleted);
        Console.WriteLine(Row("all releases completed, s", Completed(baseline), Completed(large),
            baseline.AllCompleted is { } b && large.AllCompleted is { } l ? Ratio(l.TotalSeconds, b.TotalSeconds) : "-"));
        Plain("reconciles per release", PerRelease(baseline, baseline.ReleaseReconciles), PerRelease(large, large.ReleaseReconciles), "F1");
        Plain("admission reviews per release", PerRelease(baseline, baseline.ReleaseAdmissionReviews), PerRelease(large, large.ReleaseAdmissionReviews), "F1");
        Plain("Greylane CPU ms per release", PerRelease(baseline, baseline.ReleaseCpu.TotalMilliseconds), PerRelease(large, large.ReleaseCpu.TotalMilliseconds), "F0");
        Plain("  of which the JIT's tier-up thread", PerRelease(baseline, baseline.ReleaseJitCpu.TotalMilliseconds), PerRelease(large, large.ReleaseJitCpu.TotalMilliseconds), "F0");
        Plain("sandbox CPU ms per release", PerRelease(baseline, baseline.SandboxReleaseCpu.TotalMilliseconds), PerRelease(large, large.SandboxReleaseCpu.TotalMilliseconds), "F0");
        Console.WriteLine(Row("  sandbox GCs meanwhile (gen0+ / gen1+ / gen2)", baseline.SandboxReleaseCollections, large.SandboxReleaseCollections, ""));
        Plain("reconciles per second while releasing", Throughput(baseline), Throughput(large), "F1");
        Console.WriteLine(Row("then the same M again (second wave, the JIT still tiering up):", "", "", ""));
        WaveRows("2nd wave", baseline, large, Wave, "F0");
        var last = $"{ScaleRun.Waves}th wave";
        Console.WriteLine(Row($"then waves 3 to {ScaleRun.Waves}, each once the tier-up thread is quiet; the last:", "", "", ""));
        Plain($"tier-up CPU from the 1st wave to the {last}, ms", Last(baseline).TierUpBefore.TotalMilliseconds, Last(large).TierUpBefore.TotalMilliseconds, "F0");
        WaveRows(last, baseline, large, r => Last(r).Wave, "F1");
        Plain("reconcile errors (total)", baseline.ReconcileErrors, large.ReconcileErrors, "F0");
        Plain("warning log lines (total)", baseline.Warnings, large.Warnings, "F0");
        Console.WriteLine(Row("load average (1 min) at start -> end", baseline.Load, large.Load, ""));
        Console.WriteLine();
        foreach (var result in new[] { baseline, large })
        {
            Console.WriteLine(FormattableString.Invariant($"store writes during the releases ({result.Scale.Name}): ")
                + string.Join(", ", result.ReleaseWrites.OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => $"{w.Key} {w.Value}")));
        }

        foreach (var result in new[] { baseline, large }.Where(r => r.WarningLines.Count > 0))
        {
            Console.WriteLine($"Greylane's warnings ({result.Scale.Name}, first {result.WarningLines.Count} lines):");
            foreach (var line in result.WarningLines)
            {
                Console.WriteLine("    " + line);
            }
        }
    }

    /// <summary>The rows of one wave after the first, the same for each; CPU in <paramref name="cpuFormat"/>.</summary>
    private static void WaveRows(string label, ScaleResult baseline, ScaleResult large, Func<ScaleResult, ReleaseWave> wave, string cpuFormat)
    {
        var (b, l) = (wave(baseline), wave(large));
        Latency($"{label}: update committed -> canary RS created", b.UpdateToCanary, l.UpdateToCanary);
        Latency($"{label}: canary available -> next phase written", b.CanaryReadyToNext, l.CanaryReadyToNext);
        Console.WriteLine(Row($"{label}: all releases completed, s", WaveCompleted(b), WaveCompleted(l), "-"));
        Plain($"{label}: reconciles per release", PerRelease(baseline, b.Reconciles), PerRelease(large, l.Reconciles), "F1");
        Plain($"{label}: Greylane CPU ms per release", PerRelease(baseline, b.Cpu.TotalMilliseconds), PerRelease(large, l.Cpu.TotalMilliseconds), cpuFormat);
        Plain($"{label}:   of which the JIT's tier-up thread", PerRelease(baseline, b.JitCpu.TotalMilliseconds), PerRelease(large, l.JitCpu.TotalMilliseconds), cpuFormat);
    }

    private static ReleaseWave Wave(ScaleResult r) => r.SecondWave ?? NoWave;

    private static LastWave Last(ScaleResult r) => r.LastWave ?? new LastWave(NoWave, TimeSpan.Zero);

    private static ReleaseWave NoWave => new([], null, TimeSpan.Zero, TimeSpan.Zero, double.NaN);

    private static string WaveCompleted(ReleaseWave wave) => wave.AllCompleted is { } t ? F(t.TotalSeconds, "F1") : "-";

    private static double Throughput(ScaleResult r) => r.AllCompleted is { } t ? r.ReleaseReconciles / t.TotalSeconds : double.NaN;

    private static double Cold(ScaleResult r, Func<ReleaseTimes, double?> figure) => r.Cold is { } cold ? figure(cold) ?? double.NaN : double.NaN;

    private static string Title(ScaleResult r) => FormattableString.Invariant($"{r.Scale.Name} {r.Scale.Deployments}/{r.Scale.Releasing}");

    private static string Completed(ScaleResult r) =>
        r.AllCompleted is { } t ? F(t.TotalSeconds, "F1") : FormattableString.Invariant($"{r.CompletedCount}/{r.Scale.Releasing} done");

    private static double PerRelease(ScaleResult r, double total) => r.Scale.Releasing == 0 ? double.NaN : total / r.Scale.Releasing;

    private static void Seconds(string name, TimeSpan baseline, TimeSpan large) => Plain(name + ", s", baseline.TotalSeconds, large.TotalSeconds, "F1");

    private static void Memory(string name, long baseline, long large) => Plain(name + ", MiB", baseline / MiB, large / MiB, "F1");

    private static void Plain(string name, double baseline, double large, string format) =>
        Console.WriteLine(Row(name, F(baseline, format), F(large, format), Ratio(large, baseline)));

    private static void Latency(string name, Distribution baseline, Distribution large)
    {
        Console.WriteLine(Row(name + FormattableString.Invariant($" (n={baseline.Count}/{large.Count})"), "", "", ""));
        Plain("    p50, ms", baseline.P50, large.P50, "F0");
        Plain("    p99, ms", baseline.P99, large.P99, "F0");
        Plain("    max, ms", baseline.Max, large.Max, "F0");
    }

    private static string Ratio(double large, double baseline) =>
        double.IsNaN(large) || double.IsNaN(baseline) || baseline <= 0 ? "-" : F(large / baseline, "F2") + "x";

    private static string F(double value, string format) => double.IsNaN(value) ? "-" : value.ToString(format, CultureInfo.InvariantCulture);

    private static string Row(string name, string baseline, string large, string ratio) => $"{name,-52} {baseline,14} {large,16} {ratio,12}";
}
