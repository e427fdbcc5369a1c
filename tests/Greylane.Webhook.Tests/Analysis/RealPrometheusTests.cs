using System.Diagnostics;
using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis.Tests;

public sealed partial class RealPrometheusTests(SampleServices samples) : IClassFixture<SampleServices>
{
    private const string SuccessRate =
        """sum(rate(http_requests_total{app="{{service}}",version="{{canaryLabels.version}}",code!~"5.."}[5s])) / sum(rate(http_requests_total{app="{{service}}",version="{{canaryLabels.version}}"}[5s]))""";

    private const string Requests = """sum(increase(http_requests_total{app="{{service}}",version="{{canaryLabels.version}}"}[5s]))""";

    private static readonly TimeSpan DataTimeout = TimeSpan.FromSeconds(25);

    [Fact]
    public async Task A_healthy_service_passes_the_success_rate_gate()
    {
        var measurement = await FirstConclusiveAsync("healthy", new MetricSpec("success-rate", SuccessRate, 0.95, null, MinSamples: new MinSamplesSpec(Requests, 5)));

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.Equal(1.0, measurement.Value);
    }

    [Fact]
    public async Task A_service_failing_30_percent_of_requests_fails_the_success_rate_gate()
    {
        var measurement = await FirstConclusiveAsync("faulty", new MetricSpec("success-rate", SuccessRate, 0.95, null));

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.InRange(measurement.Value!.Value, 0.5, 0.9);
    }

    [Fact]
    public async Task A_metric_that_does_not_exist_is_inconclusive_for_lack_of_data()
    {
        var measurement = await MeasureAsync("healthy", new MetricSpec("ghost", """sum(rate(no_such_metric_total{version="{{canaryLabels.version}}"}[5s]))""", 0.95, null));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.NoData, measurement.Reason);
    }

    [Fact]
    public async Task A_query_prometheus_refuses_is_inconclusive_with_prometheus_bad_data_message()
    {
        // Valid syntax, so tenancy scoping sends it; only Prometheus' type check refuses it (rate of an instant vector).
        var measurement = await MeasureAsync("healthy", new MetricSpec("broken", """sum(rate(http_requests_total{version="{{canaryLabels.version}}"}))""", 0.95, null));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.True(measurement.QueryRejected);
        Assert.StartsWith("Prometheus rejected the query (bad_data): ", measurement.Message, StringComparison.Ordinal);
        Assert.Contains("parse error", measurement.Message, StringComparison.Ordinal);
    }

    private Task<MetricMeasurement> FirstConclusiveAsync(string version, MetricSpec metric) =>
        FirstConclusiveAsync(() => MeasureAsync(version, metric));

    // Prometheus needs two scrapes inside the rate window before there is a value; poll, bounded.
    private static Task<MetricMeasurement> FirstConclusiveAsync(Func<Task<MetricMeasurement>> measure) =>
        PollAsync(measure, m => m.Verdict != MeasurementVerdict.Inconclusive);

    private static async Task<MetricMeasurement> PollAsync(Func<Task<MetricMeasurement>> measure, Func<MetricMeasurement, bool> done)
    {
        var waited = Stopwatch.StartNew();
        while (true)
        {
            var measurement = await measure();
            if (done(measurement) || waited.Elapsed > DataTimeout)
            {
                return measurement;
            }

            await Task.Delay(500);
        }
    }

    private async Task<MetricMeasurement> MeasureAsync(string version, MetricSpec metric)
    {
        using var services = new AnalysisServices(AnalysisServices.Options(samples.Prometheus.Url, TimeSpan.FromSeconds(5)));
        var context = new AnalysisContext("e2e", "mocka-base", "mocka", "r1", "s1", new Dictionary<string, string> { ["version"] = version }, TimeSpan.FromSeconds(5));
        return Assert.Single(await services.Analyzer.MeasureAsync(context, [metric], CancellationToken.None));
    }
}
