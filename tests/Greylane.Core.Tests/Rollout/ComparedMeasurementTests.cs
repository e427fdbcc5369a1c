using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using static Greylane.Core.Analysis.MeasurementVerdict;
using static Greylane.Core.Rollout.RolloutPhase;
using static Greylane.Core.Rollout.Tests.Facts;

namespace Greylane.Core.Rollout.Tests;

public sealed class ComparedMeasurementTests
{
    [Fact]
    public void A_compared_measurement_keeps_both_sides_the_test_and_the_queries_in_the_status()
    {
        var taken = new Measurement("success-rate", Pass, 0.951, "canary 0.951 vs stable 0.953 (drop 0.002 ≤ 0.01)", T0.AddSeconds(61))
        {
            StableValue = 0.953,
            Statistic = 40,
            PValue = 0.42,
            Query = "canary-query",
            StableQuery = "stable-query",
        };
        var facts = Held.WithCanary(2, 2) with { RoutingApplied = true, Measurements = [taken] };
        var status = In(StepAnalyzing, 1) with { AnalysisSince = T0, Metrics = [new MetricStatus { Name = "success-rate" }] };

        var decided = StepMachine.Decide(facts, status, Strategies.Seed, T0.AddSeconds(62));

        var metric = decided.Status.Metrics.Single();
        Assert.Equal((1, 0.951, 0.953, 40.0, 0.42), (metric.Passed, metric.LastValue, metric.LastStableValue, metric.LastStatistic, metric.LastPValue));
        Assert.Equal(("canary-query", "stable-query"), (metric.Query, metric.StableQuery));
        var json = JsonNode.Parse(RolloutStatusJson.Write(decided.Status))!["metrics"]![0]!;
        Assert.Equal((0.953, 0.42, "stable-query"), (json["lastStableValue"]!.GetValue<double>(), json["lastPValue"]!.GetValue<double>(), json["stableQuery"]!.GetValue<string>()));
    }
}
