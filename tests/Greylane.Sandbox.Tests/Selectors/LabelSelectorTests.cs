using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;

namespace Greylane.Sandbox.Selectors.Tests;

public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Canary = new() { ["app"] = "shop", ["track"] = "canary", ["tier"] = "web" };
    private static readonly Dictionary<string, string> Stable = new() { ["app"] = "shop", ["tier"] = "web" };

    [Theory]
    [InlineData("app=shop", true, true)]
    [InlineData("app==shop", true, true)]
    [InlineData("app=cart", false, false)]
    [InlineData("track!=canary", false, true)]
    [InlineData("track!=stable", true, true)]
    [InlineData("track in (canary,stable)", true, false)]
    [InlineData("track notin (canary)", false, true)]
    [InlineData("track", true, false)]
    [InlineData("!track", false, true)]
    [InlineData("app=shop,track", true, false)]
    [InlineData("app=shop , !track", false, true)]
    [InlineData("tier in (web), app notin (cart, db)", true, true)]
    public void Every_operator_follows_the_apimachinery_rules(string selector, bool matchesCanary, bool matchesStable)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.Equal(matchesCanary, parsed.Matches(Canary));
        Assert.Equal(matchesStable, parsed.Matches(Stable));
    }

    [Fact]
    public void Greater_and_less_than_compare_integer_values()
    {
        var labels = new Dictionary<string, string> { ["rank"] = "5", ["name"] = "x" };

        Assert.True(LabelSelector.Parse("rank>4").Matches(labels));
        Assert.False(LabelSelector.Parse("rank<5").Matches(labels));
        Assert.False(LabelSelector.Parse("name>1").Matches(labels));
        Assert.False(LabelSelector.Parse("missing<9").Matches(labels));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Null_or_blank_selects_everything(string? text)
    {
        var parsed = LabelSelector.Parse(text);

        Assert.True(parsed.IsEmpty);
        Assert.True(parsed.Matches((IReadOnlyDictionary<string, string>?)null));
        Assert.Equal("", parsed.ToString());
    }

    [Fact]
    public void An_operator_without_a_value_means_the_empty_value()
    {
        var parsed = LabelSelector.Parse("app=");

        Assert.Equal("app=", parsed.ToString());
        Assert.True(parsed.Matches(new Dictionary<string, string> { ["app"] = "" }));
        Assert.False(parsed.Matches(new Dictionary<string, string>()));
    }

    [Fact]
    public void Prefixed_keys_and_empty_values_are_accepted()
    {
        var parsed = LabelSelector.Parse("greylane.dev/role=canary,empty=,kubernetes.io/metadata.name in (shop)");
        var labels = new Dictionary<string, string> { ["greylane.dev/role"] = "canary", ["empty"] = "", ["kubernetes.io/metadata.name"] = "shop" };

        Assert.True(parsed.Matches(labels));
    }

    [Fact]
    public void Keywords_in_value_positions_are_plain_values()
    {
        Assert.True(LabelSelector.Parse("mode=in").Matches(new Dictionary<string, string> { ["mode"] = "in" }));
        Assert.True(LabelSelector.Parse("mode in (notin)").Matches(new Dictionary<string, string> { ["mode"] = "notin" }));
    }

    [Fact]
    public void Canonical_form_sorts_requirements_by_key_and_set_values()
    {
        var parsed = LabelSelector.Parse("z  notin (b, a),app==x, !gone ,env in (prod,dev),has,n!=1");

        Assert.Equal("app==x,env in (dev,prod),!gone,has,n!=1,z notin (a,b)", parsed.ToString());
        Assert.Equal(parsed.ToString(), LabelSelector.Parse(parsed.ToString()).ToString());
    }

    [Theory]
    [InlineData("a in b", "unable to parse requirement: found 'b' expected: '('")]
    [InlineData("a in (x", "unable to parse requirement: found '', expected: ',' or ')'")]
    [InlineData("a b", "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b,", "found '', expected: identifier after ','")]
    [InlineData(",a", "found ',', expected: !, identifier, or 'end of string'")]
    [InlineData("a (x)", "unable to parse requirement: found '(', expected: in, notin, =, ==, !=, gt, lt")]
    [InlineData("a=b c", "found 'c', expected: ',' or 'end of string'")]
    [InlineData("!a=b", "found '=', expected: ',' or 'end of string'")]
    [InlineData("-bad=x", "unable to parse requirement: key: Invalid value: \"-bad\": name part must consist of alphanumeric characters")]
    [InlineData("a=-x", "Invalid value: \"-x\": a valid label must be an empty string")]
    [InlineData("a>x", "for 'Gt', 'Lt' operators, the value must be an integer")]
    [InlineData("a=(b", "unable to parse requirement: found '(', expected: identifier")]
    public void Bad_syntax_is_a_format_error_naming_the_bad_part(string text, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.Parse(text));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Json_selector_combines_match_labels_and_expressions()
    {
        var selector = LabelSelector.FromJson(JsonNode.Parse("""
            {"matchLabels":{"app":"shop"},
             "matchExpressions":[
               {"key":"track","operator":"In","values":["canary","stable"]},
               {"key":"tier","operator":"NotIn","values":["db"]},
               {"key":"tier","operator":"Exists"},
               {"key":"legacy","operator":"DoesNotExist"}]}
            """)!.AsObject());

        Assert.True(selector.Matches(Canary));
        Assert.False(selector.Matches(Stable));
        Assert.Equal("app=shop,!legacy,tier notin (db),tier,track in (canary,stable)", selector.ToString());
    }

    [Fact]
    public void Json_selector_that_is_null_or_empty_selects_everything()
    {
        Assert.True(LabelSelector.FromJson(null).IsEmpty);
        Assert.True(LabelSelector.FromJson([]).IsEmpty);
        Assert.True(LabelSelector.FromJson(new JsonObject { ["matchLabels"] = new JsonObject() }).Matches(Stable));
    }

    [Theory]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Equals","values":["x"]}]}""", "\"Equals\" is not a valid label selector operator")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}""", "values set can't be empty")]
    [InlineData("""{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}""", "values set must be empty")]
    [InlineData("""{"matchLabels":{"bad key":"x"}}""", "Invalid value: \"bad key\"")]
    public void Invalid_json_selector_is_a_format_error(string json, string expected)
    {
        var error = Assert.Throws<FormatException>(() => LabelSelector.FromJson(JsonNode.Parse(json)!.AsObject()));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Object_matching_reads_metadata_labels()
    {
        var pod = JsonNode.Parse("""{"metadata":{"name":"p","labels":{"app":"shop","track":"canary"}}}""")!.AsObject();
        var bare = JsonNode.Parse("""{"metadata":{"name":"p"}}""")!.AsObject();

        Assert.True(LabelSelector.Parse("track=canary").Matches(pod));
        Assert.False(LabelSelector.Parse("track=canary").Matches(bare));
        Assert.True(LabelSelector.Parse("!track").Matches(bare));
    }
}
