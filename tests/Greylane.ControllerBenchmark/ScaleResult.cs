namespace Greylane.ControllerBenchmark;

/// <summary>Everything measured at one scale.</summary>
internal sealed record ScaleResult(Scale Scale)
{
    public TimeSpan Setup { get; init; }

    public TimeSpan ToListening { get; init; }

    public TimeSpan ToSynced { get; init; }

    public double ReconcilesAtSync { get; init; }

    public int MetricsPageBytes { get; init; }

    public long IdleRssBytes { get; init; }

    public TimeSpan IdleCpu { get; init; }

    public TimeSpan IdleWindow { get; init; }

    public double IdleReconciles { get; init; }

    public long ReleasePeakRssBytes { get; init; }

    public long LifetimePeakRssBytes { get; init; }

    public TimeSpan ReleaseCpu { get; init; }

    /// <summary>The part of <see cref="ReleaseCpu"/> the runtime's tier-up thread used.</summary>
    public TimeSpan ReleaseJitCpu { get; init; }

    public TimeSpan SendAll { get; init; }

    /// <summary>The warm-up release: the first one the controller process runs, alone.</summary>
    public ReleaseTimes? Cold { get; init; }

    public TimeSpan ToLeading { get; init; }

    /// <summary>Greylane's CPU from its start until synced.</summary>
    public TimeSpan SyncCpu { get; init; }

    /// <summary>The sandbox's (this process's) CPU over the same time.</summary>
    public TimeSpan SandboxSyncCpu { get; init; }

    public TimeSpan SandboxReleaseCpu { get; init; }

    /// <summary>The sandbox's (this process's) garbage collections during the first wave: of gen0 or higher, of gen1 or higher, of gen2.</summary>
    public string SandboxReleaseCollections { get; init; } = "";

    public IReadOnlyList<string> WarningLines { get; init; } = [];

    /// <summary>/proc/loadavg (1 minute) when the scale started and when it ended: the machine is shared.</summary>
    public string Load { get; init; } = "";

    /// <summary>The sandbox's own answer time (GET of one Deployment, from the benchmark) while the releases ran.</summary>
    public Distribution ApiGet { get; init; } = new([]);

    public IReadOnlyList<ReleaseTimes> Releases { get; init; } = [];

    public TimeSpan? AllCompleted { get; init; }

    public double ReleaseReconciles { get; init; }

    /// <summary>Admission reviews Greylane answered during the first wave: the person's updates, and any write of its own the webhook's matchConditions let through.</summary>
    public double ReleaseAdmissionReviews { get; init; }

    public double ReconcileErrors { get; init; }

    public int Warnings { get; init; }

    public IReadOnlyDictionary<string, int> ReleaseWrites { get; init; } = new Dictionary<string, int>();

    /// <summary>The same releases again, once the first wave is done (the JIT still tiering up).</summary>
    public ReleaseWave? SecondWave { get; init; }

    /// <summary>The last of the waves, the code close to settled.</summary>
    public LastWave? LastWave { get; init; }

    /// <summary>The first wave's releases, read the same way as <see cref="SecondWave"/>.</summary>
    public ReleaseWave FirstWave => new(Releases, AllCompleted, ReleaseCpu, ReleaseJitCpu, ReleaseReconciles);

    public Distribution UpdateToCanary => FirstWave.UpdateToCanary;

    public Distribution SentToCanary => FirstWave.SentToCanary;

    public Distribution CanaryReadyToNext => FirstWave.CanaryReadyToNext;

    public Distribution RolledOutToNext => FirstWave.RolledOutToNext;

    public Distribution UpdateToCompleted => FirstWave.UpdateToCompleted;

    public int CompletedCount => Releases.Count(r => r.Completed is not null);
}
