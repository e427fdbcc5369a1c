using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

public sealed class RenderedMetricTests
{
    private static readonly AnalysisContext Context = new(
        "e2e",
        "mocka-base",
        "mocka",
        "5f2c9a",
        "7b1d04",
        new Dictionary<string, string> { ["version"] = "canary" },
        TimeSpan.FromSeconds(30));

    [Fact]
    public void Both_queries_are_rendered_with_the_release_variables()
    {
        var metric = new MetricSpec(
            "success-rate",
            """sum(rate(http_requests_total{namespace="{{namespace}}",version="{{canaryLabels.version}}",code!~"5.."}[{{interval}}]))""",
            0.99,
            null,
            MinSamples: new MinSamplesSpec("""sum(increase(http_requests_total{app="{{service}}",release="{{release}}",stable!="{{stable}}"}[{{interval}}]))""", 10));

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.Off);

        Assert.Null(rendered.Problem);
        Assert.Equal("""sum(rate(http_requests_total{namespace="e2e",version="canary",code!~"5.."}[30s]))""", rendered.Query);
        Assert.Equal("""sum(increase(http_requests_total{app="mocka",release="5f2c9a",stable!="7b1d04"}[30s]))""", rendered.SamplesQuery);
    }

    [Fact]
    public void The_metric_interval_overrides_the_analysis_interval()
    {
        var metric = new MetricSpec("m", "rate(x[{{interval}}])", null, 1, Interval: TimeSpan.FromMinutes(2));

        Assert.Equal("rate(x[2m])", RenderedMetric.Render(metric, Context, QueryTenancy.Off).Query);
    }

    [Fact]
    public void Values_are_escaped_so_they_stay_inside_their_label_matcher()
    {
        var context = Context with { Deployment = "a\"} or vector(1) #\\" };

        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{deployment="{{deployment}}"}""", null, 1), context, QueryTenancy.Off);

        Assert.Equal("""up{deployment="a\"} or vector(1) #\\"}""", rendered.Query);
    }

    [Fact]
    public void A_canary_label_the_release_lacks_is_a_problem_naming_the_variable()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{track="{{canaryLabels.track}}"}""", null, 1), Context, QueryTenancy.On);

        Assert.Null(rendered.Query);
        Assert.Equal("the query uses {{canaryLabels.track}}, which has no value", rendered.Problem);
    }

    [Fact]
    public void With_tenancy_on_both_queries_are_scoped_to_the_deployments_namespace()
    {
        var metric = new MetricSpec(
            "success-rate",
            """sum(rate(http_requests_total{version="{{canaryLabels.version}}",code!~"5.."}[{{interval}}])) / sum(rate(http_requests_total{version="{{canaryLabels.version}}"}[{{interval}}]))""",
            0.99,
            null,
            MinSamples: new MinSamplesSpec("sum(increase(http_requests_total[1m]))", 10));

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.On);

        Assert.Null(rendered.Problem);
        Assert.Equal(
            """sum(rate(http_requests_total{version="canary",code!~"5..",namespace="e2e"}[30s])) / sum(rate(http_requests_total{version="canary",namespace="e2e"}[30s]))""",
            rendered.Query);
        Assert.Equal("""sum(increase(http_requests_total{namespace="e2e"}[1m]))""", rendered.SamplesQuery);
    }

    [Fact]
    public void With_tenancy_on_a_query_for_another_namespace_is_refused_and_not_rendered()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """sum(secret_metric{namespace="kube-system"})""", null, 1), Context, QueryTenancy.On);

        Assert.Null(rendered.Query);
        Assert.True(rendered.OutsideTenancy);
        Assert.Equal(
            """secret_metric{namespace="kube-system"} reads namespace kube-system; queries may only read their own namespace e2e: remove the namespace matcher or use {{namespace}}""",
            rendered.Problem);
    }

    [Fact]
    public void With_tenancy_on_a_min_samples_query_for_another_namespace_is_refused_too()
    {
        var metric = new MetricSpec("m", "up", null, 1, MinSamples: new MinSamplesSpec("""count(up{namespace!="e2e"})""", 1));

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.On);

        Assert.Null(rendered.Query);
        Assert.True(rendered.OutsideTenancy);
        Assert.StartsWith("""minSamples query: up{namespace!="e2e"} matches namespace!="e2e", which may read other namespaces""", rendered.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void With_tenancy_on_a_query_that_is_not_promql_is_refused_with_where_it_breaks()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """sum(rate(x{a="b",,}[1m]))""", null, 1), Context, QueryTenancy.On);

        Assert.True(rendered.OutsideTenancy);
        Assert.Equal("""it is not valid PromQL (unexpected ',' at offset 17: expected a label matcher such as app="api"), and Greylane sends only queries it can keep in namespace e2e""", rendered.Problem);
    }

    [Fact]
    public void With_tenancy_off_queries_are_sent_as_written()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """sum(secret_metric{namespace="kube-system"}) + sum(x{a="b",,})""", null, 1), Context, QueryTenancy.Off);

        Assert.Equal("""sum(secret_metric{namespace="kube-system"}) + sum(x{a="b",,})""", rendered.Query);
        Assert.False(rendered.OutsideTenancy);
    }

    [Fact]
    public void A_custom_tenancy_label_is_the_one_added_and_checked()
    {
        var tenancy = new QueryTenancy(true, "kubernetes_namespace");

        Assert.Equal("""up{kubernetes_namespace="e2e"}""", RenderedMetric.Render(new MetricSpec("m", "up", null, 1), Context, tenancy).Query);
        Assert.Equal("""up{namespace="other",kubernetes_namespace="e2e"}""", RenderedMetric.Render(new MetricSpec("m", """up{namespace="other"}""", null, 1), Context, tenancy).Query);
        Assert.True(RenderedMetric.Render(new MetricSpec("m", """up{kubernetes_namespace="other"}""", null, 1), Context, tenancy).OutsideTenancy);
    }
}
