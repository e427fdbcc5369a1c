using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy.Tests;

public sealed class QueryTemplateTests
{
    private static readonly IReadOnlyDictionary<string, string> Release = QueryTemplate.StandardVariables(
        "e2e",
        "mocka-base",
        "mocka",
        "5f2c9a",
        "7b1d04",
        new Dictionary<string, string> { ["version"] = "canary", ["istio.service.tag"] = "gray" },
        TimeSpan.FromSeconds(90));

    [Fact]
    public void Variables_are_listed_once_in_order_of_use_ignoring_spaces_in_braces()
    {
        const string query = """sum(rate(x{ns="{{namespace}}",v="{{ canaryLabels.version }}"}[{{interval}}])) / sum(rate(x{ns="{{namespace}}"}[1m]))""";

        Assert.Equal(["namespace", "canaryLabels.version", "interval"], QueryTemplate.Variables(query));
    }

    [Fact]
    public void Every_standard_variable_renders()
    {
        const string query = "{{namespace}} {{deployment}} {{service}} {{release}} {{stable}} {{interval}} {{canaryLabels.version}} {{canaryLabels.istio.service.tag}}";

        Assert.Equal("e2e mocka-base mocka 5f2c9a 7b1d04 1m30s canary gray", QueryTemplate.Render(query, Release));
    }

    [Fact]
    public void The_design_example_query_renders_for_a_release()
    {
        const string query = """sum(rate(http_requests_total{namespace="{{namespace}}",version="canary",code!~"5.."}[1m]))""";

        Assert.Equal("""sum(rate(http_requests_total{namespace="e2e",version="canary",code!~"5.."}[1m]))""", QueryTemplate.Render(query, Release));
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("\\\"", "\\\\\\\"")]
    [InlineData("line\nbreak", "line\\nbreak")]
    [InlineData("café", "café")]
    public void Values_are_escaped_for_promql_label_matchers(string value, string escaped)
    {
        Assert.Equal(escaped, QueryTemplate.EscapeLabelValue(value));
        Assert.Equal($"up{{v=\"{escaped}\"}}", QueryTemplate.Render("up{v=\"{{v}}\"}", new Dictionary<string, string> { ["v"] = value }));
    }

    [Fact]
    public void A_value_cannot_break_out_of_its_label_matcher()
    {
        var variables = new Dictionary<string, string> { ["namespace"] = "e2e\"} or vector(1) or up{x=\"" };

        var rendered = QueryTemplate.Render("up{namespace=\"{{namespace}}\"}", variables);

        Assert.Equal("up{namespace=\"e2e\\\"} or vector(1) or up{x=\\\"\"}", rendered);
    }

    [Fact]
    public void Rendering_a_variable_without_a_value_names_it()
    {
        var error = Assert.Throws<ArgumentException>(() => QueryTemplate.Render("up{x=\"{{missing}}\"}", Release));

        Assert.StartsWith("the query uses {{missing}}, which has no value", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("up", null)]
    [InlineData("up{a=\"{{namespace}}\"}", null)]
    [InlineData("up{a=\"{{namespace\"}", 6)]
    [InlineData("{{namespace}} {{", 14)]
    public void An_unclosed_variable_is_found(string query, int? offset)
    {
        Assert.Equal(offset, QueryTemplate.UnclosedAt(query));
    }

    [Fact]
    public void A_query_without_variables_renders_unchanged()
    {
        Assert.Equal("sum(up{job=\"x\"})", QueryTemplate.Render("sum(up{job=\"x\"})", Release));
        Assert.Empty(QueryTemplate.Variables("sum(up{job=\"x\"})"));
    }

    [Fact]
    public void Validation_accepts_exactly_the_known_variables()
    {
        const string yaml = """
            canaryLabels: {version: canary}
            analysis:
              metrics:
                - name: all
                  query: '{{namespace}}{{deployment}}{{service}}{{release}}{{stable}}{{interval}}{{revision}}{{canaryLabels.version}}'
                  min: 0
            """;

        StrategyAssert.Valid(yaml);
        Assert.Equal(["namespace", "deployment", "service", "release", "stable", "interval", "revision"], QueryTemplate.Builtins);
    }
}
