using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

public sealed class MeasurementEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 26, 5, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(0.99, 0.99, null, MeasurementVerdict.Pass)]
    [InlineData(1.0, 0.99, null, MeasurementVerdict.Pass)]
    [InlineData(0.989, 0.99, null, MeasurementVerdict.Fail)]
    [InlineData(0.5, null, 0.5, MeasurementVerdict.Pass)]
    [InlineData(-3, null, 0.5, MeasurementVerdict.Pass)]
    [InlineData(0.51, null, 0.5, MeasurementVerdict.Fail)]
    [InlineData(10, 10.0, 20.0, MeasurementVerdict.Pass)]
    [InlineData(20, 10.0, 20.0, MeasurementVerdict.Pass)]
    [InlineData(15, 10.0, 20.0, MeasurementVerdict.Pass)]
    [InlineData(9.99, 10.0, 20.0, MeasurementVerdict.Fail)]
    [InlineData(20.01, 10.0, 20.0, MeasurementVerdict.Fail)]
    public void A_finite_value_passes_within_inclusive_bounds_and_fails_outside(double value, double? min, double? max, MeasurementVerdict expected)
    {
        var measurement = Evaluate(Metric(min, max), Outcomes.Scalar(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(expected, measurement.Verdict);
        Assert.Equal(value, measurement.Value);
        Assert.Null(measurement.Reason);
        Assert.Equal("success-rate", measurement.Metric);
        Assert.Equal(Now, measurement.Time);
    }

    [Fact]
    public void The_message_says_which_bound_failed()
    {
        Assert.Equal("0.7 is below min 0.99", Evaluate(Metric(0.99, null), Outcomes.Vector("0.7")).Message);
        Assert.Equal("0.7 is above max 0.5", Evaluate(Metric(null, 0.5), Outcomes.Vector("0.7")).Message);
        Assert.Equal("0.7 is within [0.5, 1]", Evaluate(Metric(0.5, 1), Outcomes.Vector("0.7")).Message);
    }

    [Fact]
    public void A_vector_of_one_series_is_its_value()
    {
        var measurement = Evaluate(Metric(0.99, null), Outcomes.Vector("0.995"));

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.Equal(0.995, measurement.Value);
    }

    [Theory]
    [InlineData("NaN", InconclusiveReason.NotANumber)]
    [InlineData("+Inf", InconclusiveReason.Infinite)]
    [InlineData("-Inf", InconclusiveReason.Infinite)]
    public void Nan_and_infinities_are_inconclusive_never_pass_or_fail(string value, InconclusiveReason reason)
    {
        foreach (var outcome in new[] { Outcomes.Vector(value), Outcomes.Scalar(value) })
        {
            var measurement = Evaluate(Metric(null, null), outcome);

            Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
            Assert.Equal(reason, measurement.Reason);
            Assert.Null(measurement.Value);
        }
    }

    [Fact]
    public void An_empty_result_is_inconclusive_no_data()
    {
        var measurement = Evaluate(Metric(0.99, null), Outcomes.Vector());

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.NoData, measurement.Reason);
        Assert.StartsWith("no data", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_series_are_inconclusive_and_the_message_says_to_aggregate()
    {
        var measurement = Evaluate(Metric(0.99, null), Outcomes.Vector("1", "0.5", "1"));

        Assert.Equal(InconclusiveReason.SeveralSeries, measurement.Reason);
        Assert.Contains("3 series", measurement.Message, StringComparison.Ordinal);
        Assert.Contains("sum(", measurement.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"status":"success","data":{"resultType":"string","result":[1,"0.99"]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"matrix","result":[{"metric":{},"values":[[1,"1"]]}]}}""")]
    [InlineData("""{"status":"success","data":{"resultType":"vector","result":[{"metric":{},"histogram":[1,{"count":"1","sum":"1"}]}]}}""")]
    public void Strings_matrices_and_histograms_are_inconclusive_where_one_number_is_needed(string body)
    {
        var measurement = Evaluate(Metric(0, 1), PrometheusResponseParser.Parse(200, body));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.NotANumberType, measurement.Reason);
    }

    [Fact]
    public void A_malformed_query_is_inconclusive_with_prometheus_message_and_holds_the_release()
    {
        var measurement = Evaluate(Metric(0.99, null), Outcomes.Error(400, "bad_data", "1:14: parse error: unexpected end of input"));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.True(measurement.QueryRejected);
        Assert.Equal("Prometheus rejected the query (bad_data): 1:14: parse error: unexpected end of input", measurement.Message);
    }

    [Theory]
    [InlineData(503, "timeout")]
    [InlineData(503, "canceled")]
    [InlineData(422, "execution")]
    [InlineData(500, "internal")]
    [InlineData(503, "unavailable")]
    [InlineData(404, "not_found")]
    public void Other_prometheus_errors_are_inconclusive_but_do_not_mark_the_query_rejected(int status, string errorType)
    {
        var measurement = Evaluate(Metric(0.99, null), Outcomes.Error(status, errorType, "it went wrong"));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.PrometheusError, measurement.Reason);
        Assert.False(measurement.QueryRejected);
        Assert.Equal($"Prometheus error ({errorType}): it went wrong", measurement.Message);
    }

    [Theory]
    [InlineData(QueryFailureKind.Unreachable, InconclusiveReason.NoAnswer)]
    [InlineData(QueryFailureKind.Timeout, InconclusiveReason.NoAnswer)]
    [InlineData(QueryFailureKind.HttpError, InconclusiveReason.NoAnswer)]
    [InlineData(QueryFailureKind.InvalidResponse, InconclusiveReason.NoAnswer)]
    [InlineData(QueryFailureKind.NotConfigured, InconclusiveReason.NotConfigured)]
    public void No_answer_is_inconclusive_with_the_failure_message(QueryFailureKind kind, InconclusiveReason reason)
    {
        var measurement = Evaluate(Metric(0.99, null), QueryOutcome.Failed(kind, "Prometheus at http://127.0.0.1:9 is unreachable"));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(reason, measurement.Reason);
        Assert.Equal("Prometheus at http://127.0.0.1:9 is unreachable", measurement.Message);
    }

    [Fact]
    public void Warnings_are_shown_but_do_not_change_the_verdict()
    {
        var outcome = PrometheusResponseParser.Parse(200, """{"status":"success","warnings":["metric might not be a counter"],"data":{"resultType":"scalar","result":[1,"1"]}}""");

        var measurement = Evaluate(Metric(0.99, null), outcome);

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.EndsWith("(Prometheus warns: metric might not be a counter)", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_samples_make_a_failing_value_inconclusive()
    {
        var measurement = Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("0.5"), Outcomes.Vector("12"));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.TooFewSamples, measurement.Reason);
        Assert.Equal("only 12 samples, need 50", measurement.Message);
    }

    [Fact]
    public void No_sample_series_at_all_counts_as_zero_samples()
    {
        var measurement = Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("1"), Outcomes.Vector());

        Assert.Equal(InconclusiveReason.TooFewSamples, measurement.Reason);
        Assert.Equal("only 0 samples, need 50", measurement.Message);
    }

    [Theory]
    [InlineData("50", MeasurementVerdict.Fail)]
    [InlineData("5000", MeasurementVerdict.Fail)]
    public void Enough_samples_let_the_value_count(string samples, MeasurementVerdict expected)
    {
        Assert.Equal(expected, Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("0.5"), Outcomes.Scalar(samples)).Verdict);
        Assert.Equal(MeasurementVerdict.Pass, Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("1"), Outcomes.Scalar(samples)).Verdict);
    }

    [Fact]
    public void A_failed_sample_query_is_inconclusive_and_says_it_was_the_sample_query()
    {
        var measurement = Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("1"), Outcomes.Vector("NaN"));

        Assert.Equal(InconclusiveReason.NotANumber, measurement.Reason);
        Assert.StartsWith("minSamples query: the value is NaN", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_value_query_is_reported_even_without_enough_samples()
    {
        var measurement = Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Error(400, "bad_data", "parse error"), Outcomes.Vector("0"));

        Assert.True(measurement.QueryRejected);
    }

    [Fact]
    public void A_malformed_sample_query_holds_the_release_too()
    {
        var measurement = Evaluate(Metric(0.99, null, minSamples: 50), Outcomes.Vector("1"), Outcomes.Error(400, "bad_data", "parse error"));

        Assert.True(measurement.QueryRejected);
        Assert.Equal("minSamples query: Prometheus rejected the query (bad_data): parse error", measurement.Message);
    }

    [Fact]
    public void An_unrenderable_template_is_inconclusive_and_holds_the_release()
    {
        var measurement = MeasurementEvaluator.InvalidTemplate(Metric(0.99, null), "the query uses {{canaryLabels.track}}, which has no value", Now);

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.True(measurement.QueryRejected);
    }

    private static MetricMeasurement Evaluate(MetricSpec metric, QueryOutcome value, QueryOutcome? samples = null) =>
        MeasurementEvaluator.Evaluate(metric, value, samples, Now);

    private static MetricSpec Metric(double? min, double? max, double? minSamples = null) =>
        new("success-rate", "q", min, max, MinSamples: minSamples is { } m ? new MinSamplesSpec("s", m) : null);
}
