using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class TenancyRejectionTests
{
    private static readonly TenancyCheck Team1 = new(QueryTenancy.On, "team1", "checkout");

    [Fact]
    public void A_query_for_another_namespace_is_refused_at_its_field()
    {
        var errors = Errors("""{name: sr, query: 'sum(secret_metric{namespace="kube-system"})', min: 1}""", Team1);

        Assert.Equal(
            ["""analysis.metrics[0].query: secret_metric{namespace="kube-system"} reads namespace kube-system; queries may only read their own namespace team1: remove the namespace matcher or use {{namespace}}"""],
            errors);
    }

    [Fact]
    public void A_min_samples_query_is_judged_too()
    {
        var errors = Errors("""{name: sr, query: up, min: 1, minSamples: {query: 'count(up{namespace=~".+"})', min: 1}}""", Team1);

        Assert.StartsWith("""analysis.metrics[0].minSamples.query: up{namespace=~".+"} matches namespace=~".+", which may read other namespaces""", Assert.Single(errors), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""sum(rate(http_requests_total{namespace="{{namespace}}",version="{{canaryLabels.version}}"}[{{interval}}]))""")]
    [InlineData("""up{pod=~"{{deployment}}-.*",release="{{release}}"} unless up{pod_template_hash="{{stable}}",app="{{service}}"}""")]
    [InlineData("""histogram_quantile(0.99, sum by (le) (rate(latency_bucket[5m])))""")]
    public void Queries_that_stay_in_the_namespace_pass(string query)
    {
        Assert.Empty(Errors($$"""{name: sr, query: '{{query}}', min: 1}""", Team1, "canaryLabels: {version: canary}"));
    }

    [Fact]
    public void A_query_that_is_not_promql_is_refused_with_the_offset_in_the_template_as_written()
    {
        const string query = """up{ns="{{namespace}}",,}""";

        var error = Assert.Single(Errors($$"""{name: sr, query: '{{query}}', min: 1}""", Team1));

        Assert.Equal(
            $"analysis.metrics[0].query: not valid PromQL: unexpected ',' at offset {query.IndexOf(",,", StringComparison.Ordinal) + 1}: expected a label matcher such as app=\"api\"; fix the query (Greylane parses every query to keep it in the Deployment's namespace)",
            error);
    }

    [Fact]
    public void The_refused_selector_is_shown_as_written_in_the_template()
    {
        var error = Assert.Single(Errors("""{name: sr, query: 'up{pod="{{deployment}}",namespace="{{canaryLabels.ns}}"}', min: 1}""", Team1, "canaryLabels: {ns: other}"));

        Assert.StartsWith("""analysis.metrics[0].query: up{pod="{{deployment}}",namespace="{{canaryLabels.ns}}"} reads namespace other""", error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_tenancy_off_nothing_about_queries_is_refused()
    {
        var off = Team1 with { Tenancy = QueryTenancy.Off };

        Assert.Empty(Errors("""{name: sr, query: 'sum(secret_metric{namespace="kube-system"}) + x{a=b}', min: 1}""", off));
    }

    [Fact]
    public void Without_a_tenancy_check_the_strategy_reads_as_before()
    {
        Assert.Empty(Errors("""{name: sr, query: 'sum(secret_metric{namespace="kube-system"})', min: 1}""", null));
    }

    [Fact]
    public void A_partial_strategy_for_a_shared_config_map_is_judged_too()
    {
        var errors = StrategyReader.CheckPartial("""analysis: {metrics: [{name: sr, query: 'up{namespace="kube-system"}', min: 1}]}""", Team1);

        Assert.Equal("analysis.metrics[0].query", Assert.Single(errors).Field);
    }

    private static IReadOnlyList<string> Errors(string metric, TenancyCheck? check, string extra = "") =>
        [.. StrategyReader.Read($"{extra}\nanalysis: {{metrics: [{metric}]}}", tenancy: check).Errors.Select(e => e.ToString())];
}
