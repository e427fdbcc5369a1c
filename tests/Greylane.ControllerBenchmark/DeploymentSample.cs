namespace Greylane.ControllerBenchmark;

/// <summary>A released Deployment as one committed change left it (timestamps are <see cref="System.Diagnostics.Stopwatch"/> ticks).</summary>
internal sealed record DeploymentSample(
    long At,
    string? Status,
    string? Release,
    bool Paused,
    long Generation,
    long ObservedGeneration,
    long UpdatedReplicas,
    long AvailableReplicas,
    long Replicas);
