using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Tests.Analysis;

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

        var rendered = RenderedMetric.Render(metric, Context);

        Assert.Null(rendered.Problem);
        Assert.Equal("""sum(rate(http_requests_total{namespace="e2e",version="canary",code!~"5.."}[30s]))""", rendered.Query);
        Assert.Equal("""sum(increase(http_requests_total{app="mocka",release="5f2c9a",stable!="7b1d04"}[30s]))""", rendered.SamplesQuery);
    }

    [Fact]
    public void The_metric_interval_overrides_the_analysis_interval()
    {
        var metric = new MetricSpec("m", "rate(x[{{interval}}])", null, 1, Interval: TimeSpan.FromMinutes(2));

        Assert.Equal("rate(x[2m])", RenderedMetric.Render(metric, Context).Query);
    }

    [Fact]
    public void Values_are_escaped_so_they_stay_inside_their_label_matcher()
    {
        var context = Context with { Deployment = "a\"} or vector(1) #\\" };

        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{deployment="{{deployment}}"}""", null, 1), context);

        Assert.Equal("""up{deployment="a\"} or vector(1) #\\"}""", rendered.Query);
    }

    [Fact]
    public void A_canary_label_the_release_lacks_is_a_problem_naming_the_variable()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{track="{{canaryLabels.track}}"}""", null, 1), Context);

        Assert.Null(rendered.Query);
        Assert.Equal("the query uses {{canaryLabels.track}}, which has no value", rendered.Problem);
    }
}
