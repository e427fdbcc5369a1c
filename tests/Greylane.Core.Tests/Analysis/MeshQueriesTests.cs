using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

/// <summary>The built-in queries, exactly as they are sent (golden strings): what plan and the status show.</summary>
public sealed class MeshQueriesTests
{
    private const string Canary = """reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision="5f2c9a",namespace="e2e" """;

    private static readonly AnalysisContext Context = new(
        "e2e", "mocka-base", "mocka", "5f2c9a", "7b1d04", new Dictionary<string, string> { ["version"] = "canary" }, TimeSpan.FromSeconds(30))
    {
        CanonicalService = "mocka",
    };

    [Fact]
    public void Success_rate_compared_with_stable_renders_both_sides()
    {
        var metric = new MetricSpec("sr", "", null, null) { Builtin = BuiltinMetric.SuccessRate, Compare = new CompareSpec(0.01, null) };

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.Off);

        Assert.Equal(
            """sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision="5f2c9a",response_code!~"5.."}[1m])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision="5f2c9a"}[1m]))""",
            rendered.Query);
        Assert.Equal(
            """sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision!="5f2c9a",response_code!~"5.."}[1m])) / sum(rate(istio_requests_total{reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision!="5f2c9a"}[1m]))""",
            rendered.StableQuery);
        Assert.Null(rendered.SamplesQuery);
    }

    [Fact]
    public void Latency_is_a_histogram_quantile_scoped_by_tenancy()
    {
        var metric = new MetricSpec("p99", "", null, 250) { Builtin = BuiltinMetric.LatencyP99, Window = TimeSpan.FromMinutes(2) };

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.On);

        Assert.Equal(
            "histogram_quantile(0.99, sum by (le) (rate(istio_request_duration_milliseconds_bucket{" + Canary.TrimEnd() + "}[2m])))",
            rendered.Query);
        Assert.Null(rendered.StableQuery);
    }

    [Fact]
    public void Waypoint_reporter_and_request_count_for_min_samples()
    {
        var metric = new MetricSpec("rr", "", 1, null)
        {
            Builtin = BuiltinMetric.RequestRate,
            Reporter = MeshReporter.Waypoint,
            MinSamplesCount = 50,
        };

        var rendered = RenderedMetric.Render(metric, Context with { CanonicalService = "mocka-svc" }, QueryTenancy.Off);

        Assert.Equal(
            """sum(rate(istio_requests_total{reporter="waypoint",destination_workload_namespace="e2e",destination_canonical_service="mocka-svc",destination_canonical_revision="5f2c9a"}[1m]))""",
            rendered.Query);
        Assert.Equal(
            """sum(increase(istio_requests_total{reporter="waypoint",destination_workload_namespace="e2e",destination_canonical_service="mocka-svc",destination_canonical_revision="5f2c9a"}[1m]))""",
            rendered.SamplesQuery);
    }

    [Fact]
    public void A_test_rates_each_sample_over_its_step()
    {
        var metric = new MetricSpec("p50", "", null, null)
        {
            Builtin = BuiltinMetric.LatencyP50,
            Compare = new CompareSpec(null, 0.2),
            Test = new TestSpec(0.95, TimeSpan.FromSeconds(30)),
            Window = TimeSpan.FromMinutes(5),
            MinSamplesCount = 5,
        };

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.Off);

        Assert.Equal(
            """histogram_quantile(0.5, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination",destination_workload_namespace="e2e",destination_canonical_service="mocka",destination_canonical_revision!="5f2c9a"}[30s])))""",
            rendered.StableQuery);
        Assert.Null(rendered.SamplesQuery);
    }

    [Fact]
    public void A_user_query_is_rendered_once_per_side_through_revision()
    {
        var metric = new MetricSpec(
            "errors",
            """sum(rate(errors_total{rev="{{revision}}"}[1m])) / sum(rate(requests_total{rev=~"{{revision}}"}[1m]))""",
            null,
            null) { Compare = new CompareSpec(null, 0.1) };

        var rendered = RenderedMetric.Render(metric, Context, QueryTenancy.Off);

        Assert.Equal("""sum(rate(errors_total{rev="5f2c9a"}[1m])) / sum(rate(requests_total{rev=~"5f2c9a"}[1m]))""", rendered.Query);
        Assert.Equal("""sum(rate(errors_total{rev!="5f2c9a"}[1m])) / sum(rate(requests_total{rev!~"5f2c9a"}[1m]))""", rendered.StableQuery);
    }

    [Theory]
    [InlineData("mocka-base", null, "mocka-base")]
    [InlineData("mocka-base", "app=web", "web")]
    [InlineData("mocka-base", "app=web,app.kubernetes.io/name=shop", "shop")]
    [InlineData("mocka-base", "app=web,app.kubernetes.io/name=shop,service.istio.io/canonical-name=store", "store")]
    public void Canonical_service_follows_Istio_s_label_order(string deployment, string? labels, string expected)
    {
        var map = labels?.Split(',').Select(l => l.Split('=')).ToDictionary(p => p[0], p => p[1]);

        Assert.Equal(expected, CanonicalNames.Service(map, deployment));
    }
}
