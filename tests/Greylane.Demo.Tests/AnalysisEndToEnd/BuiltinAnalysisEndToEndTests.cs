using Greylane.Core.Rollout;
using Greylane.Demo.Support.Tests;
using Xunit.Abstractions;

namespace Greylane.Demo.AnalysisEndToEnd.Tests;

/// <summary>
/// Issue 18 end to end: mockb released with the built-in success rate compared with stable, measured from the Istio
/// metrics the mesh stand-in exports for the requests it routes, scraped by a real Prometheus (about 30 s each).
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class BuiltinAnalysisEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_canary_worse_than_stable_is_rolled_back_and_the_status_shows_both_sides()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Builtin(count: 5, failureLimit: 1), output);
        var promoted = false;

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.2", errorRate: 0.3);
        var done = await scenario.WaitAsync(
            v => v.Status.Phase == RolloutPhase.RolledBack, ReleaseTimeout, "roll back",
            every: v => promoted |= v.Status.Phase is RolloutPhase.Promoting or RolloutPhase.Completed);

        var metric = Assert.Single(done.Status.Metrics);
        Assert.False(promoted);
        Assert.Equal(2, metric.Failed);
        Assert.InRange(metric.LastValue!.Value, 0.4, 0.95);
        Assert.True(metric.LastStableValue > 0.95, $"stable {metric.LastStableValue}");
        Assert.Contains("vs stable", metric.LastMessage, StringComparison.Ordinal);
        Assert.Contains("destination_canonical_revision!=", metric.StableQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_canary_without_traffic_is_held_for_a_human()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Builtin(inconclusiveLimit: 2), output);
        scenario.Environment.Traffic.LaneTraffic = false;
        var promoted = false;

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.1");
        var held = await scenario.WaitAsync(
            v => v.Status.Phase == RolloutPhase.StepPaused && v.Status.Held, ReleaseTimeout, "hold",
            every: v => promoted |= v.Status.Phase is RolloutPhase.Promoting or RolloutPhase.Completed);

        var metric = Assert.Single(held.Status.Metrics);
        Assert.False(promoted);
        Assert.Equal(0, metric.Passed);
        Assert.StartsWith("canary: ", metric.LastMessage, StringComparison.Ordinal);
    }
}
