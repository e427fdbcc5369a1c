namespace Greylane.Core.Strategy.Tests;

public sealed class StrategySyntaxTests
{
    [Theory]
    [InlineData("steps: [{replicas: 1}", "strategy: not valid YAML or JSON at line 2, column 1: While parsing a flow sequence, did not find expected ',' or ']'; fix the syntax there")]
    [InlineData("steps:\n  - replicas: 1\n x: 2", "strategy: not valid YAML or JSON at line 3, column 2: While parsing a block mapping, did not find expected key; fix the syntax there")]
    [InlineData("steps: 1\nsteps: 2", "strategy: not valid YAML or JSON at line 2, column 1: Duplicate key steps; fix the syntax there")]
    [InlineData("{\"steps\": [{\"replicas\": 1}]", "strategy: not valid YAML or JSON at line 2, column 1: While parsing a flow mapping, did not find expected ',' or '}'; fix the syntax there")]
    [InlineData("\t\t: x", "strategy: not valid YAML or JSON at line 1, column 1: a tab indents this line (YAML indents with spaces only); fix the syntax there")]
    [InlineData("steps:\n  - replicas: 1\n\t\t: x", "strategy: not valid YAML or JSON at line 2, column 15: While scanning a plain scalar, found a tab character that violate indentation; fix the syntax there")]
    [InlineData("steps: [{pause: \"5m}]", "strategy: not valid YAML or JSON at line 1, column 17: While scanning a quoted scalar, found unexpected end of stream; fix the syntax there")]
    [InlineData("steps:\n  - replicas: 1\n   pause: 5m", "strategy: not valid YAML or JSON at line 3, column 4: While parsing a block collection, did not find expected '-' indicator; fix the syntax there")]
    [InlineData("!<> steps", "strategy: not valid YAML or JSON at line 1, column 1: cannot read what follows (Tag value must not be empty); fix the syntax there")]
    [InlineData("[a]: b", "strategy: not valid YAML or JSON at line 1, column 1: mapping keys must be plain strings; fix the syntax there")]
    [InlineData("hello", "strategy: expected a mapping with fields canaryLabels, traffic, steps, analysis, progressDeadline, notify; got the string \"hello\"")]
    [InlineData("[1, 2]", "strategy: expected a mapping with fields canaryLabels, traffic, steps, analysis, progressDeadline, notify; got a list")]
    [InlineData("steps: [{replicas: 1}]\n---\nsteps: [{replicas: 2}]", "strategy: holds 2 YAML documents; keep one strategy (remove the '---' separators)")]
    public void Text_that_is_not_one_mapping_is_refused_with_where_and_why(string text, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors(text));
    }

    [Fact]
    public void Json_indented_with_tabs_reads()
    {
        var strategy = StrategyAssert.Valid("{\n\t\"steps\": [\n\t\t{\"replicas\": 2, \"pause\": \"30s\"}\n\t],\n\t\"progressDeadline\": \"5m\"\n}");

        Assert.Equal(TimeSpan.FromMinutes(5), strategy.ProgressDeadline);
        Assert.Equal(Greylane.Core.Strategy.ReplicaCount.Of(2), strategy.Steps[0].Replicas);
    }

    [Fact]
    public void Json_escapes_are_honoured()
    {
        var header = StrategyAssert.Valid("""{"steps":[{"matches":[{"headers":[{"name":"x","value":"caf\u00e9 \"q\""}]}]}]}""").Steps[0].Matches[0].Headers[0];

        Assert.Equal("café \"q\"", header.Value);
    }

    [Fact]
    public void A_syntax_error_stops_reading_but_names_both_broken_sources()
    {
        Assert.Equal(
            [
                "strategy-ref: not valid YAML or JSON at line 1, column 13: While parsing a flow sequence, did not find expected ',' or ']'; fix the syntax there",
                "strategy: expected a mapping with fields canaryLabels, traffic, steps, analysis, progressDeadline, notify; got the number 5",
            ],
            StrategyAssert.Errors("5", "steps: [a: b: c]"));
    }

    [Fact]
    public void Numbers_too_large_for_json_are_refused_without_a_crash()
    {
        const string yaml = """
            canaryLabels: {version: 1e400}
            steps: [{weight: 1e400, replicas: -1e400}]
            analysis: {metrics: [{name: sr, query: up, min: 1e400}]}
            progressDeadline: 1e400
            """;

        Assert.Equal(
            [
                "canaryLabels[version]: expected a string; got the number infinity; put it in quotes: \"infinity\"",
                "steps[0].replicas: -infinity is below 1; write a whole number like 2 or a percent like 50% (at least 1)",
                "steps[0].weight: infinity is outside 0–100; use a whole number from 0 to 100",
                "analysis.metrics[0].min: infinity is too large; write a number like 0.99 without quotes",
                "progressDeadline: infinity is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m",
            ],
            StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void Long_values_are_cut_short_in_messages()
    {
        var error = Assert.Single(StrategyAssert.Errors($"progressDeadline: {new string('x', 500)}"));

        Assert.Equal($"progressDeadline: \"{new string('x', 76)}… is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m", error);
    }

    [Fact]
    public void Nesting_deep_enough_to_overflow_the_stack_is_refused_before_it_is_built()
    {
        var text = "steps: " + new string('[', 100_000) + new string(']', 100_000);

        Assert.Equal(
            ["strategy: nests deeper than 64 levels at line 1, column 71; a strategy needs only a few levels"],
            StrategyAssert.Errors(text));
    }

    [Fact]
    public void Aliases_are_refused_rather_than_expanded()
    {
        Assert.Equal(
            ["strategy: uses a YAML alias at line 2, column 8; write the value out instead"],
            StrategyAssert.Errors("canaryLabels: &x {version: canary}\nsteps: *x"));
    }

    [Fact]
    public void A_billion_laughs_is_refused_without_being_expanded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var error = Assert.Single(StrategyAssert.Errors(string.Join("\n", lines)));

        Assert.Equal("strategy: uses a YAML alias at line 2, column 10; write the value out instead", error);
    }
}
