using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using static Greylane.Core.Analysis.MeasurementVerdict;
using static Greylane.Core.Rollout.RolloutPhase;
using static Greylane.Core.Rollout.Tests.Facts;

namespace Greylane.Core.Rollout.Tests;

public sealed class MeasurementSeriesTests
{
    private static RolloutStatus Measuring(int step = 0) =>
        In(StepAnalyzing, step) with
        {
            AnalysisSince = T0,
            Metrics = [new MetricStatus { Name = "success-rate", NextAt = T0.AddHours(1) }, new MetricStatus { Name = "latency", NextAt = T0.AddHours(1) }],
        };

    [Fact]
    public void Every_counted_measurement_joins_the_series_with_its_step_and_a_repeat_does_not()
    {
        var facts = Held.WithCanary(1, 1).Measured("success-rate", Fail, T0.AddSeconds(30), 0.5, "too low") with { RoutingApplied = true };

        var first = StepMachine.Decide(facts, Measuring(step: 1), Strategies.TwoMetrics, T0.AddSeconds(31));
        var again = StepMachine.Decide(facts, first.Status with { Phase = StepAnalyzing }, Strategies.TwoMetrics, T0.AddSeconds(32));

        var recorded = Assert.Single(first.Status.Measurements);
        Assert.Equal(1, recorded.Step);
        Assert.Equal(new Measurement("success-rate", Fail, 0.5, "too low", T0.AddSeconds(30)), recorded.Measurement);
        Assert.Single(again.Status.Measurements);
    }

    [Fact]
    public void Each_metric_keeps_its_newest_measurements_up_to_the_bound()
    {
        IReadOnlyList<RecordedMeasurement> series = [];
        for (var i = 0; i < MeasurementSeries.PerMetric + 5; i++)
        {
            series = MeasurementSeries.Append(series, 0, new Measurement("success-rate", Pass, i, null, T0.AddSeconds(i)));
            series = MeasurementSeries.Append(series, 0, new Measurement("latency", Pass, i, null, T0.AddSeconds(i)));
        }

        var rates = series.Where(r => r.Measurement.Metric == "success-rate").ToList();
        Assert.Equal(MeasurementSeries.PerMetric, rates.Count);
        Assert.Equal(5, rates[0].Measurement.Value);
        Assert.Equal(MeasurementSeries.PerMetric + 4, rates[^1].Measurement.Value);
        Assert.Equal(MeasurementSeries.PerMetric, series.Count(r => r.Measurement.Metric == "latency"));
    }

    [Fact]
    public void Many_metrics_together_stay_within_the_total_bound_dropping_the_oldest()
    {
        IReadOnlyList<RecordedMeasurement> series = [];
        for (var i = 0; i < MeasurementSeries.Total + 10; i++)
        {
            series = MeasurementSeries.Append(series, 0, new Measurement($"m{i % 20}", Pass, i, null, T0.AddSeconds(i)));
        }

        Assert.Equal(MeasurementSeries.Total, series.Count);
        Assert.Equal(10, series[0].Measurement.Value);
    }

    [Fact]
    public void Long_messages_are_shortened_and_values_that_are_not_numbers_are_kept_as_none()
    {
        var series = MeasurementSeries.Append([], 0, new Measurement("success-rate", Inconclusive, double.NaN, new string('x', 1000), T0));

        var kept = Assert.Single(series).Measurement;
        Assert.Null(kept.Value);
        Assert.Equal(MeasurementSeries.MessageLength, kept.Message!.Length);
        Assert.EndsWith("…", kept.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_full_series_keeps_the_status_annotation_small()
    {
        IReadOnlyList<RecordedMeasurement> series = [];
        for (var i = 0; i < MeasurementSeries.Total; i++)
        {
            series = MeasurementSeries.Append(series, 3, new Measurement($"metric-with-a-long-name-{i % 5}", Inconclusive, 0.123456789, new string('e', 500), T0.AddSeconds(i)));
        }

        var json = RolloutStatusJson.Write(In(StepAnalyzing) with { Measurements = series });

        Assert.True(json.Length < 64 * 1024, $"status is {json.Length} characters");
        Assert.Equal(series.Count, RolloutStatusJson.Read(json).Measurements.Count);
        Assert.Equal("Inconclusive", JsonNode.Parse(json)!["measurements"]![0]!["measurement"]!["verdict"]!.GetValue<string>());
    }

    [Fact]
    public void A_new_release_starts_with_an_empty_series()
    {
        var old = In(RolledBack) with { Measurements = MeasurementSeries.Append([], 0, new Measurement("success-rate", Fail, 0.1, null, T0)) };
        var facts = Held with { Release = NewerRelease };

        var decision = StepMachine.Decide(facts, old, Strategies.TwoMetrics, T0.AddMinutes(1));

        Assert.Equal(NewerRelease, decision.Status.Release);
        Assert.Contains(decision.Status.History, h => h.To == Initializing);
        Assert.Empty(decision.Status.Measurements);
    }

    [Fact]
    public void A_compared_measurement_keeps_both_sides_finite_and_leaves_its_queries_to_the_metric_status()
    {
        var compared = new Measurement("success-rate", Fail, 0.9, null, T0)
        {
            StableValue = double.NaN,
            Statistic = double.PositiveInfinity,
            PValue = 0.01,
            Query = "sum(rate(istio_requests_total[1m]))",
            StableQuery = "sum(rate(istio_requests_total[1m]))",
        };

        var kept = Assert.Single(MeasurementSeries.Append([], 0, compared)).Measurement;

        Assert.Null(kept.StableValue);
        Assert.Null(kept.Statistic);
        Assert.Equal(0.01, kept.PValue);
        Assert.Null(kept.Query);
        Assert.Null(kept.StableQuery);
    }
}
