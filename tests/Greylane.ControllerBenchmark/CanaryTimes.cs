namespace Greylane.ControllerBenchmark;

/// <summary>When a Deployment's canary ReplicaSet was created, first reported an available pod, and was deleted (ticks, 0: not seen).</summary>
internal sealed class CanaryTimes
{
    public long Created { get; set; }

    public long Ready { get; set; }

    public long Deleted { get; set; }
}
