namespace Greylane.Demo.Support.Tests;

/// <summary>
/// Tests that start a sandbox, Greylane, sample services and a real Prometheus run one at a time: the machine is
/// small and shared, and their timings (1s scrapes and measurements) should not compete with each other.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class RealProcesses
{
    public const string Name = "Real processes";
}
