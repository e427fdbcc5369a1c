using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class PrometheusMetricAnalyzerTests
{
    private static readonly AnalysisContext Context = new(
        "e2e", "mocka-base", "mocka", "5f2c9a", "7b1d04", new Dictionary<string, string> { ["version"] = "canary" }, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task Each_metric_is_rendered_measured_and_recorded_in_greylane_metrics()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(context => Answer(context, "0.995"));
        server.Then(context => Answer(context, "0.995"));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));
        var metrics = new[]
        {
            new MetricSpec("success-rate", """sum(rate(ok{version="{{canaryLabels.version}}"}[{{interval}}]))""", 0.99, null),
            new MetricSpec("too-good", """sum(rate(ok{version="{{canaryLabels.version}}"}[{{interval}}]))""", null, 0.9),
        };

        var measurements = await services.Analyzer.MeasureAsync(Context, metrics, CancellationToken.None);

        Assert.Equal([("success-rate", MeasurementVerdict.Pass), ("too-good", MeasurementVerdict.Fail)], measurements.Select(m => (m.Metric, m.Verdict)));
        Assert.All(server.Received, r => Assert.Equal("""sum(rate(ok{version="canary",namespace="e2e"}[30s]))""", r.Query));
        var exported = await services.ExportedMetricsAsync();
        Assert.Contains("""greylane_analysis_measurements_total{namespace="e2e",deployment="mocka-base",metric="success-rate",verdict="Pass"} 1""", exported, StringComparison.Ordinal);
        Assert.Contains("""greylane_analysis_measurements_total{namespace="e2e",deployment="mocka-base",metric="too-good",verdict="Fail"} 1""", exported, StringComparison.Ordinal);
        Assert.Contains("""greylane_analysis_last_value{namespace="e2e",deployment="mocka-base",metric="success-rate"} 0.995""", exported, StringComparison.Ordinal);
        Assert.Contains("""greylane_prometheus_request_duration_seconds_count{outcome="success"} 2""", exported, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_min_samples_query_is_asked_too()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(context => Answer(context, context.Request.Form["query"].ToString().StartsWith("count", StringComparison.Ordinal) ? "3" : "1"));
        server.Then(context => Answer(context, context.Request.Form["query"].ToString().StartsWith("count", StringComparison.Ordinal) ? "3" : "1"));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));
        var metric = new MetricSpec("success-rate", "ok", 0.99, null, MinSamples: new MinSamplesSpec("""count_total{ns="{{namespace}}"}""", 10));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Context, [metric], CancellationToken.None));

        Assert.Equal("only 3 samples, need 10", measurement.Message);
        Assert.Contains("""count_total{ns="e2e",namespace="e2e"}""", server.Received.Select(r => r.Query));
    }

    [Fact]
    public async Task A_query_that_cannot_be_rendered_is_inconclusive_without_asking_prometheus()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Context, [new MetricSpec("m", "up{t=\"{{canaryLabels.track}}\"}", 1, null)], CancellationToken.None));

        Assert.True(measurement.QueryRejected);
        Assert.Contains("{{canaryLabels.track}}", measurement.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
        Assert.Contains("""verdict="Inconclusive"} 1""", await services.ExportedMetricsAsync(), StringComparison.Ordinal);
    }

    private static async Task Answer(Microsoft.AspNetCore.Http.HttpContext context, string value)
    {
        context.Response.ContentType = "application/json";
        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(
            context.Response, """{"status":"success","data":{"resultType":"scalar","result":[1732600000,""" + "\"" + value + "\"]}}");
    }
}
