using Greylane.Core.PromQL;

namespace Greylane.Core.PromQL.Tests;

public sealed class TenancyScoperTests
{
    [Theory]
    [InlineData("up", """up{namespace="team1"}""")]
    [InlineData("""sum(rate(http_requests_total{code!~"5.."}[5m]))""", """sum(rate(http_requests_total{code!~"5..",namespace="team1"}[5m]))""")]
    [InlineData("""up{}""", """up{namespace="team1"}""")]
    [InlineData("""up{a="b",}""", """up{a="b",namespace="team1",}""")]
    [InlineData("up{a=\"b\" # why\n}", "up{a=\"b\",namespace=\"team1\" # why\n}")]
    [InlineData("""{__name__=~"http_.*"}""", """{__name__=~"http_.*",namespace="team1"}""")]
    [InlineData("""{"my.metric"}""", """{"my.metric",namespace="team1"}""")]
    [InlineData("""sum(sum) by (pod)""", """sum(sum{namespace="team1"}) by (pod)""")]
    [InlineData("a / on(pod) group_left b offset 5m", """a{namespace="team1"} / on(pod) group_left b{namespace="team1"} offset 5m""")]
    [InlineData("max_over_time(rate(x[1m])[1h:5m] @ end())", """max_over_time(rate(x{namespace="team1"}[1m])[1h:5m] @ end())""")]
    [InlineData("""x{namespace="team1"} / y""", """x{namespace="team1"} / y{namespace="team1"}""")]
    [InlineData("""up{namespace="te\x61m1"}""", """up{namespace="te\x61m1"}""")]
    [InlineData("""label_replace(up, "namespace", "kube-system", "", "")""", """label_replace(up{namespace="team1"}, "namespace", "kube-system", "", "")""")]
    [InlineData("""info(x, {k8s_cluster_name=~".+"})""", """info(x{namespace="team1"}, {k8s_cluster_name=~".+",namespace="team1"})""")]
    [InlineData("vector(1) + time()", "vector(1) + time()")]
    public void Every_vector_selector_gets_the_namespace_matcher_inserted_into_the_written_text(string query, string scoped)
    {
        var result = TenancyScoper.Scope(query, "namespace", "team1");

        Assert.Null(result.SyntaxError);
        Assert.Null(result.Refusal);
        Assert.Equal(scoped, result.Query);
    }

    [Fact]
    public void The_issue_example_is_refused_naming_the_selector_and_the_fix()
    {
        const string query = """sum(secret_metric{namespace="kube-system",job="x"})""";

        var result = TenancyScoper.Scope(query, "namespace", "team1");

        Assert.Null(result.Query);
        Assert.Equal(
            """secret_metric{namespace="kube-system",job="x"} reads namespace kube-system; queries may only read their own namespace team1: remove the namespace matcher or use {{namespace}}""",
            result.Refusal!.Describe(result.Refusal.Selector.In(query), "namespace", "team1"));
    }

    [Theory]
    [InlineData("""up{namespace!="team2"}""", """up{namespace!="team2"} matches namespace!="team2", which may read other namespaces""")]
    [InlineData("""up{namespace=~"team1|kube-system"}""", """up{namespace=~"team1|kube-system"} matches namespace=~"team1|kube-system", which may read other namespaces""")]
    [InlineData("""up{namespace=~"team1"}""", """up{namespace=~"team1"} matches namespace=~"team1", which may read other namespaces""")]
    [InlineData("""up{namespace!~"x"}""", """up{namespace!~"x"} matches namespace!~"x", which may read other namespaces""")]
    [InlineData("""up{namespace="team1",namespace=~".*"}""", """up{namespace="team1",namespace=~".*"} matches namespace=~".*", which may read other namespaces""")]
    [InlineData("""up / {"namespace"="kube-system",job="x"}""", """{"namespace"="kube-system",job="x"} reads namespace kube-system""")]
    [InlineData("""up{namespace=""}""", """up{namespace=""} reads namespace ;""")]
    public void Any_other_matcher_on_the_tenancy_label_is_refused(string query, string start)
    {
        var result = TenancyScoper.Scope(query, "namespace", "team1");

        Assert.Null(result.Query);
        Assert.StartsWith(start, result.Refusal!.Describe(result.Refusal.Selector.In(query), "namespace", "team1"), StringComparison.Ordinal);
    }

    [Fact]
    public void Another_label_name_is_what_is_added_and_checked()
    {
        Assert.Equal("""up{namespace="x",kubernetes_namespace="team1"}""", TenancyScoper.Scope("""up{namespace="x"}""", "kubernetes_namespace", "team1").Query);
        Assert.NotNull(TenancyScoper.Scope("""up{kubernetes_namespace="x"}""", "kubernetes_namespace", "team1").Refusal);
    }

    [Fact]
    public void A_query_that_is_not_promql_is_refused_with_its_syntax_error()
    {
        var result = TenancyScoper.Scope("sum(up{a=b})", "namespace", "team1");

        Assert.Null(result.Query);
        Assert.Equal("unexpected identifier \"b\" at offset 9: expected a quoted string", result.SyntaxError!.ToString());
    }

    [Fact]
    public void A_selector_prometheus_would_refuse_as_empty_is_refused_rather_than_made_valid_by_the_namespace_matcher()
    {
        Assert.NotNull(TenancyScoper.Scope("""{job=~".*"}""", "namespace", "team1").SyntaxError);
    }

    [Fact]
    public void The_namespace_value_is_escaped_in_the_inserted_matcher()
    {
        Assert.Equal("""up{namespace="a\"b\\c"}""", TenancyScoper.Scope("up", "namespace", "a\"b\\c").Query);
    }
}
