using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

/// <summary>When routing discovery chooses no Service, <c>{{service}}</c> has no value: a query using it is refused.</summary>
public sealed class ServiceVariableTests
{
    private const string Several = "Deployment e2e/mocka-base: several Services select its pods (a, b); set traffic.service in the strategy to the one its VirtualServices route to";

    private static readonly AnalysisContext NoService = new("e2e", "mocka-base", "", "5f2c9a", "7b1d04", new Dictionary<string, string>(), TimeSpan.FromSeconds(30))
    {
        ServiceProblem = Several,
    };

    [Fact]
    public void A_query_using_the_service_is_refused_with_the_discovery_message()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{service="{{ service }}"}""", null, 1), NoService, QueryTenancy.On);

        Assert.Null(rendered.Query);
        Assert.False(rendered.OutsideTenancy);
        Assert.Equal($"{{{{service}}}} has no value: {Several}", rendered.Problem);
    }

    [Fact]
    public void A_min_samples_query_using_the_service_is_refused_too()
    {
        var metric = new MetricSpec("m", "up", null, 1, MinSamples: new MinSamplesSpec("""count(up{service="{{service}}"})""", 1));

        Assert.NotNull(RenderedMetric.Render(metric, NoService, QueryTenancy.Off).Problem);
    }

    [Fact]
    public void A_query_without_the_service_is_sent_as_usual()
    {
        var rendered = RenderedMetric.Render(new MetricSpec("m", """up{deployment="{{deployment}}"}""", null, 1), NoService, QueryTenancy.Off);

        Assert.Null(rendered.Problem);
        Assert.Equal("""up{deployment="mocka-base"}""", rendered.Query);
    }
}
