using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>Tenancy against the real Prometheus: series of namespace e2e (healthy, faulty) and of namespace team2 (other).</summary>
public sealed partial class RealPrometheusTests
{
    [Fact]
    public async Task A_tenant_query_counts_only_the_series_of_its_own_namespace()
    {
        var everyTarget = new MetricSpec("targets", "count(up)", 0, null);

        var e2e = await WhenScrapedAsync(() => MeasureInAsync("e2e", everyTarget, QueryTenancy.On));
        var team2 = await MeasureInAsync("team2", everyTarget, QueryTenancy.On);

        Assert.Equal(2, e2e.Value);
        Assert.Equal(1, team2.Value);
    }

    [Fact]
    public async Task Another_namespaces_series_are_not_found_by_a_tenant_query_even_through_other_labels()
    {
        var others = new MetricSpec("others", """count(http_requests_total{version="other"})""", 0, null);

        var scoped = await WhenScrapedAsync(() => MeasureInAsync("e2e", others, QueryTenancy.On));

        Assert.Equal(MeasurementVerdict.Inconclusive, scoped.Verdict);
        Assert.Equal(InconclusiveReason.NoData, scoped.Reason);
    }

    [Fact]
    public async Task A_query_naming_another_namespace_is_refused_and_never_sent()
    {
        using var services = new AnalysisServices(AnalysisServices.Options(samples.Prometheus.Url, TimeSpan.FromSeconds(5)));
        var metric = new MetricSpec("secret", """sum(up{namespace="team2"})""", 0, null);

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Context("e2e"), [metric], CancellationToken.None));

        Assert.Equal(InconclusiveReason.OutsideTenancy, measurement.Reason);
        Assert.True(measurement.QueryRejected);
        Assert.Contains("reads namespace team2; queries may only read their own namespace e2e", measurement.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("greylane_prometheus_request_duration_seconds_count", await services.ExportedMetricsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_tenancy_off_queries_read_every_namespace()
    {
        var others = await WhenScrapedAsync(() => MeasureInAsync("e2e", new MetricSpec("others", """count(http_requests_total{version="other"})""", 0, null), QueryTenancy.Off));
        var named = await MeasureInAsync("e2e", new MetricSpec("named", """count(up{namespace="team2"})""", 0, null), QueryTenancy.Off);

        Assert.True(others.Value == 3, others.Message);
        Assert.Equal(1, named.Value);
    }

    // Waits until Prometheus has scraped all three targets (tenancy off sees them all), so that what a query then finds,
    // or does not, is the whole truth.
    private async Task<MetricMeasurement> WhenScrapedAsync(Func<Task<MetricMeasurement>> measure)
    {
        var all = await PollAsync(() => MeasureInAsync("e2e", new MetricSpec("targets", "count(up)", 0, null), QueryTenancy.Off), m => m.Value == 3);
        Assert.Equal(3, all.Value);
        return await measure();
    }

    private async Task<MetricMeasurement> MeasureInAsync(string @namespace, MetricSpec metric, QueryTenancy tenancy)
    {
        using var services = new AnalysisServices(AnalysisServices.Options(samples.Prometheus.Url, TimeSpan.FromSeconds(5)) with { Tenancy = tenancy });
        return Assert.Single(await services.Analyzer.MeasureAsync(Context(@namespace), [metric], CancellationToken.None));
    }

    private static AnalysisContext Context(string @namespace) =>
        new(@namespace, "mocka-base", "mocka", "r1", "s1", new Dictionary<string, string> { ["version"] = "healthy" }, TimeSpan.FromSeconds(5));
}
