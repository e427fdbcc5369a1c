using Greylane.Core.Analysis;

namespace Greylane.Core.Analysis.Tests;

public sealed class QueryTemplateEscapingTests
{
    private static readonly Dictionary<string, string> Deployment = new() { ["deployment"] = "app.v2", ["interval"] = "1m" };

    [Theory]
    [InlineData("""up{pod=~"{{deployment}}-.*"}""", """up{pod=~"app\\.v2-.*"}""")]
    [InlineData("""up{pod!~"{{deployment}}"}""", """up{pod!~"app\\.v2"}""")]
    [InlineData("""up{pod=~'{{deployment}}-.*'}""", """up{pod=~'app\\.v2-.*'}""")]
    [InlineData("up{pod=~`{{deployment}}-.*`}", @"up{pod=~`app\.v2-.*`}")]
    [InlineData("""up{pod="{{deployment}}"}""", """up{pod="app.v2"}""")]
    [InlineData("""up{pod!="{{deployment}}"}""", """up{pod!="app.v2"}""")]
    [InlineData("""rate(up{pod=~"{{deployment}}.*"}[{{interval}}])""", """rate(up{pod=~"app\\.v2.*"}[1m])""")]
    [InlineData("""label_replace(up, "x", "$1", "pod", "{{deployment}}")""", """label_replace(up, "x", "$1", "pod", "app.v2")""")]
    public void Values_in_regex_matchers_are_regex_escaped_before_the_string_escaping(string template, string rendered)
    {
        Assert.Equal(rendered, QueryTemplate.Render(template, Deployment));
    }

    [Fact]
    public void Every_re2_metacharacter_is_escaped_as_go_quotemeta_does()
    {
        Assert.Equal(@"a\.b\+c\*d\?e\(f\)g\|h\[i\]j\{k\}l\^m\$n\\o-p_q/r", QueryTemplate.EscapeRegex(@"a.b+c*d?e(f)g|h[i]j{k}l^m$n\o-p_q/r"));
    }

    [Fact]
    public void A_quote_in_a_regex_value_is_escaped_for_the_string_after_the_regex_escaping()
    {
        var rendered = QueryTemplate.Render("""up{pod=~"{{v}}"}""", new Dictionary<string, string> { ["v"] = "a\"b.c" });

        Assert.Equal("""up{pod=~"a\"b\\.c"}""", rendered);
    }

    [Fact]
    public void A_value_in_single_quotes_escapes_the_single_quote()
    {
        Assert.Equal("""up{pod='it\'s'}""", QueryTemplate.Render("up{pod='{{v}}'}", new Dictionary<string, string> { ["v"] = "it's" }));
    }

    [Fact]
    public void A_value_that_a_raw_string_cannot_hold_is_a_problem_naming_the_variable()
    {
        var error = Assert.Throws<ArgumentException>(() => QueryTemplate.Render("up{pod=`{{v}}`}", new Dictionary<string, string> { ["v"] = "a`b" }));

        Assert.StartsWith("the value of {{v}} holds a backquote", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Variables_after_a_lexing_error_get_the_plain_escaping()
    {
        Assert.Equal("""up{a:b} / x{pod=~"app.v2"}""", QueryTemplate.Render("""up{a:b} / x{pod=~"{{deployment}}"}""", Deployment));
    }
}
