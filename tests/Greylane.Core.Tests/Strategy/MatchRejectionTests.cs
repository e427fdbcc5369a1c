namespace Greylane.Core.Strategy.Tests;

public sealed class MatchRejectionTests
{
    private const string At = "steps[0].matches[0]";

    [Theory]
    [InlineData("{headers: [{value: canary}]}", At + ".headers[0].name: required; name the header to match, e.g. name: my-request-id")]
    [InlineData("{headers: [{name: '', value: canary}]}", At + ".headers[0].name: required; name the header to match, e.g. name: my-request-id")]
    [InlineData("{headers: [{name: my-request-id}]}", At + ".headers[0].value: required; write the value to match, e.g. value: canary")]
    [InlineData("{headers: [{name: My-Request-Id, value: canary}]}", At + ".headers[0].name: \"My-Request-Id\" has uppercase letters; Istio matches header names in lowercase: write \"my-request-id\"")]
    [InlineData("{headers: [{name: 'my id', value: canary}]}", At + ".headers[0].name: \"my id\" is not an HTTP header name; use letters, digits and '-', e.g. my-request-id")]
    [InlineData("{headers: [{name: x, value: a, type: exact}]}", At + ".headers[0].type: \"exact\" is not a match type; use Exact, Prefix or RegularExpression")]
    [InlineData("{headers: [{name: x, value: a, kind: Exact}]}", At + ".headers[0].kind: unknown field; allowed: name, value, type")]
    [InlineData("{headers: [{name: x, value: a}, {name: x, value: b}]}", At + ".headers[1].name: \"x\" is matched twice in this match; match each header once (a match needs all its conditions)")]
    [InlineData("{headers: {my-request-id: canary}}", At + ".headers: expected a list of header matches like {name: x, value: y}; got a mapping")]
    [InlineData("{queryParams: [{name: lane, value: c, type: Prefix}]}", At + ".queryParams[0].type: Prefix is not supported for query parameters (Istio matches them exactly or by regular expression); use Exact or RegularExpression")]
    [InlineData("{queryParams: [{value: c}]}", At + ".queryParams[0].name: required; name the query parameter to match, e.g. name: lane")]
    [InlineData("{path: {value: api}}", At + ".path.value: \"api\" does not start with '/'; write the path as the URL has it, e.g. /api")]
    [InlineData("{path: {type: Prefix}}", At + ".path.value: required; write the value to match, e.g. value: /api")]
    [InlineData("{path: /api}", At + ".path: expected a mapping with fields value, type; got the string \"/api\"")]
    [InlineData("{}", At + ": matches every request; give it headers, queryParams or path, e.g. headers: [{name: my-request-id, value: canary}]")]
    [InlineData("{headers: [], queryParams: []}", At + ": matches every request; give it headers, queryParams or path, e.g. headers: [{name: my-request-id, value: canary}]")]
    [InlineData("~", At + ": matches every request; give it headers, queryParams or path, e.g. headers: [{name: my-request-id, value: canary}]")]
    public void A_bad_match_is_refused_with_the_field_and_the_fix(string match, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors($"steps: [{{matches: [{match}]}}]"));
    }

    [Fact]
    public void An_istio_spelling_is_unknown_and_leaves_the_match_empty()
    {
        Assert.Equal(
            [
                At + ".uri: unknown field; allowed: headers, queryParams, path",
                At + ": matches every request; give it headers, queryParams or path, e.g. headers: [{name: my-request-id, value: canary}]",
            ],
            StrategyAssert.Errors("steps: [{matches: [{uri: {prefix: /api}}]}]"));
    }

    [Theory]
    [InlineData("(", "\"(\" is not a valid regular expression (missing ) for the group opened at offset 0); fix the pattern (RE2 syntax)")]
    [InlineData("[a-", "\"[a-\" is not a valid regular expression (missing ] for the class opened at offset 0); fix the pattern (RE2 syntax)")]
    [InlineData("a**", "\"a**\" is not a valid regular expression (bad repetition operator \"**\" at offset 1); fix the pattern (RE2 syntax)")]
    [InlineData("(?=a)b", "\"(?=a)b\" uses lookahead \"(?=\" at offset 0, which Istio's RE2 engine does not support; rewrite the pattern without it")]
    [InlineData("(?<!a)b", "\"(?<!a)b\" uses lookbehind \"(?<!\" at offset 0, which Istio's RE2 engine does not support; rewrite the pattern without it")]
    [InlineData("(?>a)", "\"(?>a)\" uses an atomic group \"(?>\" at offset 0, which Istio's RE2 engine does not support; write (?:…) instead: RE2 never backtracks")]
    [InlineData("(a)\\1", "\"(a)\\\\1\" uses a backreference \"\\1\" at offset 3, which Istio's RE2 engine does not support; rewrite the pattern without it")]
    [InlineData("a\\Z", "\"a\\\\Z\" uses the anchor \"\\Z\" at offset 1, which Istio's RE2 engine does not support; use \\z or $ instead")]
    [InlineData("(?<x>a)\\k<x>", "\"(?<x>a)\\\\k<x>\" uses a named backreference \"\\k<\" at offset 7, which Istio's RE2 engine does not support; rewrite the pattern without it")]
    [InlineData("\\p{IsGreek}+", "\"\\\\p{IsGreek}+\" uses the .NET Unicode block \"\\p{IsGreek}\" at offset 0, which Istio's RE2 engine does not support; write \\p{Greek} for the Greek script")]
    [InlineData("a{100000}", "\"a{100000}\" is not a valid regular expression (invalid repetition size \"{100000}\" at offset 1); repeat at most 1000 times (RE2's limit), with the smaller count first")]
    public void A_regular_expression_must_compile_as_re2(string pattern, string problem)
    {
        var yaml = $"steps: [{{matches: [{{headers: [{{name: x, type: RegularExpression, value: '{pattern}'}}]}}]}}]";

        Assert.Equal([$"{At}.headers[0].value: {problem}"], StrategyAssert.Errors(yaml));
    }

    [Theory]
    [InlineData("^canary(-[0-9]+)?$")]
    [InlineData("(?P<lane>canary|gray)")]
    [InlineData("[(?=]x")]
    [InlineData("[]1]\\d")]
    [InlineData("a\\(?=b")]
    [InlineData("^canary\\z")]
    public void Re2_patterns_are_accepted(string pattern)
    {
        var yaml = $"steps: [{{matches: [{{headers: [{{name: x, type: RegularExpression, value: '{pattern}'}}]}}]}}]";

        var header = StrategyAssert.Valid(yaml).Steps[0].Matches[0].Headers[0];

        Assert.Equal(pattern, header.Value);
    }

    [Fact]
    public void A_match_combines_headers_query_parameters_and_path()
    {
        const string yaml = """
            steps:
              - matches:
                  - headers: [{name: my-request-id, value: canary}, {name: agent, value: p, type: Prefix}]
                    queryParams: [{name: lane, value: "^c.*", type: RegularExpression}]
                    path: {value: /api, type: Prefix}
                  - path: {value: /health}
            """;

        var matches = StrategyAssert.Valid(yaml).Steps[0].Matches;

        Assert.Equal(2, matches.Count);
        Assert.Equal(
            [new("my-request-id", "canary", Greylane.Core.Strategy.MatchKind.Exact), new("agent", "p", Greylane.Core.Strategy.MatchKind.Prefix)],
            matches[0].Headers);
        Assert.Equal([new("lane", "^c.*", Greylane.Core.Strategy.MatchKind.RegularExpression)], matches[0].QueryParams);
        Assert.Equal(new("", "/api", Greylane.Core.Strategy.MatchKind.Prefix), matches[0].Path);
        Assert.Equal(new("", "/health"), matches[1].Path);
        Assert.Empty(matches[1].Headers);
    }
}
