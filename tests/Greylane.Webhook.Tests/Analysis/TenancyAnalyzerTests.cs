using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class TenancyAnalyzerTests
{
    private static readonly AnalysisContext Team1 = new(
        "team1", "checkout", "checkout", "5f2c9a", "7b1d04", new Dictionary<string, string> { ["version"] = "canary" }, TimeSpan.FromSeconds(30));

    [Fact]
    public async Task The_query_sent_to_prometheus_is_scoped_to_the_deployments_namespace()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(Answer("1")).Then(Answer("1"));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));
        var metric = new MetricSpec(
            "success-rate",
            """sum(rate(http_requests_total{pod=~"{{deployment}}-.*"}[{{interval}}])) / sum(rate(http_requests_total[{{interval}}]))""",
            0.9,
            null,
            MinSamples: new MinSamplesSpec("sum(increase(http_requests_total[1m]))", 1));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Team1, [metric], CancellationToken.None));

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.Equal(
            [
                """sum(increase(http_requests_total{namespace="team1"}[1m]))""",
                """sum(rate(http_requests_total{pod=~"checkout-.*",namespace="team1"}[30s])) / sum(rate(http_requests_total{namespace="team1"}[30s]))""",
            ],
            server.Received.Select(r => r.Query).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_query_for_another_namespace_is_refused_like_a_rejected_query_and_never_sent()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(
            Team1, [new MetricSpec("secret", """sum(secret_metric{namespace="kube-system"})""", 0, null)], CancellationToken.None));

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.OutsideTenancy, measurement.Reason);
        Assert.True(measurement.QueryRejected);
        Assert.Equal(
            """the query was not sent to Prometheus: secret_metric{namespace="kube-system"} reads namespace kube-system; queries may only read their own namespace team1: remove the namespace matcher or use {{namespace}}""",
            measurement.Message);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_min_samples_query_for_another_namespace_keeps_both_queries_from_being_sent()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));
        var metric = new MetricSpec("m", "up", 0, null, MinSamples: new MinSamplesSpec("""count(up{namespace!="team1"})""", 1));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Team1, [metric], CancellationToken.None));

        Assert.True(measurement.QueryRejected);
        Assert.StartsWith("the query was not sent to Prometheus: minSamples query: ", measurement.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task A_query_that_cannot_be_parsed_is_refused_without_asking_prometheus()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url));

        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(Team1, [new MetricSpec("m", "sum(up{a=b})", 0, null)], CancellationToken.None));

        Assert.Equal(InconclusiveReason.OutsideTenancy, measurement.Reason);
        Assert.Contains("it is not valid PromQL (unexpected identifier \"b\" at offset 9: expected a quoted string)", measurement.Message, StringComparison.Ordinal);
        Assert.Empty(server.Received);
    }

    [Fact]
    public async Task With_tenancy_off_the_query_is_sent_as_written()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(Answer("1"));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url) with { Tenancy = QueryTenancy.Off });

        await services.Analyzer.MeasureAsync(Team1, [new MetricSpec("m", """sum(secret_metric{namespace="kube-system"})""", 0, null)], CancellationToken.None);

        Assert.Equal("""sum(secret_metric{namespace="kube-system"})""", Assert.Single(server.Received).Query);
    }

    [Fact]
    public async Task The_operators_tenancy_label_is_the_one_added()
    {
        await using var server = await ScriptedPrometheus.StartAsync();
        server.Then(Answer("1"));
        using var services = new AnalysisServices(AnalysisServices.Options(server.Url) with { Tenancy = new QueryTenancy(true, "kubernetes_namespace") });

        await services.Analyzer.MeasureAsync(Team1, [new MetricSpec("m", "sum(up)", 0, null)], CancellationToken.None);

        Assert.Equal("""sum(up{kubernetes_namespace="team1"})""", Assert.Single(server.Received).Query);
    }

    private static Func<Microsoft.AspNetCore.Http.HttpContext, Task> Answer(string value) => async context =>
    {
        context.Response.ContentType = "application/json";
        await Microsoft.AspNetCore.Http.HttpResponseWritingExtensions.WriteAsync(
            context.Response, """{"status":"success","data":{"resultType":"scalar","result":[1732600000,""" + "\"" + value + "\"]}}");
    };
}
