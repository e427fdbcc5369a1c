using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Demo.Mesh;
using Greylane.Demo.Support.Tests;
using Xunit.Abstractions;

namespace Greylane.Demo.AnalysisEndToEnd.Tests;

/// <summary>
/// Issue 7's end-to-end gates: a real Prometheus scraping real sample services every second, the sandbox, and
/// Greylane's webhook and controller, releasing mockb of the seed with a success-rate gate measured every second.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class AnalysisEndToEndTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task A_healthy_canary_passes_every_gated_step_and_is_promoted()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Gated(count: 3), output);

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.1");
        var done = await scenario.WaitAsync(v => v.Status.Phase == RolloutPhase.Completed && v.Release is null, ReleaseTimeout, "complete");

        var metric = Assert.Single(done.Status.Metrics);
        Assert.True(metric.Passed >= 3, $"passed {metric.Passed}");
        Assert.Equal(0, metric.Failed);
        Assert.False(done.Paused);
        AssertRoutingRestored(scenario);
        await AssertLaneServedByStableAsync(scenario);
    }

    [Fact]
    public async Task A_canary_failing_30_percent_of_requests_is_rolled_back_within_failureLimit_and_routing_is_restored()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Gated(count: 5, failureLimit: 1), output);
        var promoted = false;

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.2", errorRate: 0.3);
        var done = await scenario.WaitAsync(
            v => v.Status.Phase == RolloutPhase.RolledBack, ReleaseTimeout, "roll back",
            every: v => promoted |= v.Status.Phase is RolloutPhase.Promoting or RolloutPhase.Completed);

        var metric = Assert.Single(done.Status.Metrics);
        Assert.False(promoted);
        Assert.Equal(2, metric.Failed);
        Assert.InRange(metric.LastValue!.Value, 0.5, 0.9);
        Assert.True(done.Paused, "a rolled-back Deployment stays paused on its new template");
        Assert.DoesNotContain(scenario.Environment.Pods.Running, p => p.Labels.ContainsKey(GreylaneKeys.Release));
        AssertRoutingRestored(scenario);
        await AssertLaneServedByStableAsync(scenario);
    }

    [Fact]
    public async Task A_canary_without_traffic_is_never_promoted_and_is_held_with_a_message_after_inconclusiveLimit()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Gated(inconclusiveLimit: 2), output);
        scenario.Environment.Traffic.LaneTraffic = false;
        var promoted = false;

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.1");
        var held = await scenario.WaitAsync(
            v => v.Status.Phase == RolloutPhase.StepPaused && v.Status.Held, ReleaseTimeout, "hold",
            every: v => promoted |= v.Status.Phase is RolloutPhase.Promoting or RolloutPhase.Completed);
        await Task.Delay(TimeSpan.FromSeconds(3));
        var later = scenario.Now;

        Assert.False(promoted);
        Assert.Equal(0, Assert.Single(held.Status.Metrics).Passed);
        Assert.True(Assert.Single(held.Status.Metrics).Inconclusive > 2);
        Assert.False(string.IsNullOrWhiteSpace(held.Status.Message));
        Assert.Equal(RolloutPhase.StepPaused, later.Status.Phase);
        Assert.True(later.Paused);
    }

    [Fact]
    public async Task Prometheus_stopped_mid_analysis_holds_the_release_which_resumes_and_completes_when_it_is_back()
    {
        await using var scenario = await Scenario.StartAsync(TestStrategies.Gated(count: 5, inconclusiveLimit: 2), output);
        var prometheus = scenario.Environment.Prometheus!;
        var promotedWhileDown = false;
        var down = false;

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.1");
        await scenario.WaitAsync(v => v.Status.Metrics.Any(m => m.Passed >= 1), ReleaseTimeout, "pass a first measurement");
        await prometheus.StopAsync();
        down = true;
        var held = await scenario.WaitAsync(
            v => v.Status.Phase == RolloutPhase.StepPaused && v.Status.Held, ReleaseTimeout, "hold while Prometheus is down",
            every: v => promotedWhileDown |= down && v.Status.Phase is RolloutPhase.Promoting or RolloutPhase.Completed);
        await prometheus.StartAgainAsync(CancellationToken.None);
        down = false;
        var done = await scenario.WaitAsync(v => v.Status.Phase == RolloutPhase.Completed, ReleaseTimeout, "resume and complete");

        Assert.False(promotedWhileDown);
        Assert.Contains("Prometheus", Assert.Single(held.Status.Metrics).LastMessage ?? held.Status.Message, StringComparison.OrdinalIgnoreCase);
        Assert.True(Assert.Single(done.Status.Metrics).Passed >= 5);
        AssertRoutingRestored(scenario);
    }

    [Fact]
    public async Task A_malformed_query_holds_the_release_with_prometheus_own_message()
    {
        // A limit that would take four measurements to reach: a rejected query holds at the first.
        await using var scenario = await Scenario.StartAsync(TestStrategies.Gated(query: TestStrategies.Malformed, inconclusiveLimit: 3), output);

        await scenario.ReleaseMockbAsync("greylane/sample-service:1.1");
        var held = await scenario.WaitAsync(v => v.Status.Phase == RolloutPhase.StepPaused && v.Status.Held, ReleaseTimeout, "hold");

        Assert.Contains("Prometheus rejected the query", held.Status.Message, StringComparison.Ordinal);
        Assert.Contains("bad_data", held.Status.Message, StringComparison.Ordinal);
        Assert.Contains("parse error", held.Status.Message, StringComparison.Ordinal);
        var metric = Assert.Single(held.Status.Metrics);
        Assert.Equal(0, metric.Passed);
        // Held well before the limit; on a loaded machine a second rejection can be folded into the deciding reconcile.
        Assert.InRange(metric.Inconclusive, 1, 2);
        Assert.Contains(
            scenario.Environment.Sandbox.Store.List(Greylane.Sandbox.Storage.BuiltInResources.Events, Greylane.Demo.Setup.DemoNames.Namespace),
            e => e["reason"]?.GetValue<string>() == "Measured" && e["type"]?.GetValue<string>() == "Warning"
                && e["message"]!.GetValue<string>().Contains("bad_data", StringComparison.Ordinal));
    }

    /// <summary>Through the mesh, which routes by the live VirtualService: the lane header no longer reaches a canary.</summary>
    private static async Task AssertLaneServedByStableAsync(Scenario scenario)
    {
        var (code, body) = await scenario.Environment.Traffic.SendAsync(lane: true, CancellationToken.None);

        Assert.Equal(200, code);
        Assert.Contains("-> mockb(version: base,", body, StringComparison.Ordinal);
    }

    private static void AssertRoutingRestored(Scenario scenario)
    {
        Assert.True(JsonNode.DeepEquals(scenario.OriginalVirtualService, scenario.Spec(MeshRouter.VirtualServices, "vs-mockb")), "vs-mockb is back to its original spec");
        Assert.True(JsonNode.DeepEquals(scenario.OriginalDestinationRule, scenario.Spec(MeshRouter.DestinationRules, "dr-mockb")), "dr-mockb is back to its original spec");
        Assert.Null(scenario.Annotation(MeshRouter.VirtualServices, "vs-mockb", GreylaneKeys.Origin));
    }
}
