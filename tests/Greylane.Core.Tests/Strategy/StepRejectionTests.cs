namespace Greylane.Core.Strategy.Tests;

public sealed class StepRejectionTests
{
    [Theory]
    [InlineData("steps: [{replicas: 1, wieght: 5}]", "steps[0].wieght: unknown field; allowed: replicas, weight, matches, pause, analysis")]
    [InlineData("stepz: []", "stepz: unknown field; allowed: canaryLabels, traffic, steps, analysis, progressDeadline, notify")]
    [InlineData("steps: [{weight: 150}]", "steps[0].weight: 150 is outside 0–100; use a whole number from 0 to 100")]
    [InlineData("steps: [{weight: -1}]", "steps[0].weight: -1 is outside 0–100; use a whole number from 0 to 100")]
    [InlineData("steps: [{weight: 20.5}]", "steps[0].weight: 20.5 is not a whole number; use a whole number from 0 to 100")]
    [InlineData("steps: [{weight: 20%}]", "steps[0].weight: expected a whole number; got the string \"20%\"; use a whole number from 0 to 100")]
    [InlineData("steps: [{replicas: \"150%\"}]", "steps[0].replicas: \"150%\" is outside 1%–100%; use a percent from 1% to 100%, or a pod count like 2")]
    [InlineData("steps: [{replicas: 0%}]", "steps[0].replicas: \"0%\" is outside 1%–100%; use a percent from 1% to 100%, or a pod count like 2")]
    [InlineData("steps: [{replicas: 0}]", "steps[0].replicas: 0 is below 1; write a whole number like 2 or a percent like 50% (at least 1)")]
    [InlineData("steps: [{replicas: \"0\"}]", "steps[0].replicas: \"0\" is below 1; write a whole number like 2 or a percent like 50% (at least 1)")]
    [InlineData("steps: [{replicas: half}]", "steps[0].replicas: \"half\" is not a pod count or percent; write a whole number like 2 or a percent like 50%")]
    [InlineData("steps: [{replicas: 1.5}]", "steps[0].replicas: 1.5 is not a whole number; write a whole number like 2 or a percent like 50% (at least 1)")]
    [InlineData("steps: [{replicas: true}]", "steps[0].replicas: expected a pod count or percent; got true; write a whole number like 2 or a percent like 50%")]
    [InlineData("steps: [{pause: forever}]", "steps[0].pause: \"forever\" is neither manual nor a duration; write manual, or a number and a unit (ms, s, m, h), e.g. 30s or 5m")]
    [InlineData("steps: [{pause: Manual}]", "steps[0].pause: \"Manual\" is neither manual nor a duration; write manual, or a number and a unit (ms, s, m, h), e.g. 30s or 5m")]
    [InlineData("steps: [{pause: 5 parsecs}]", "steps[0].pause: \"5 parsecs\" is neither manual nor a duration; write manual, or a number and a unit (ms, s, m, h), e.g. 30s or 5m")]
    [InlineData("steps: [{pause: 30}]", "steps[0].pause: 30 has no unit; write 30s or 30m (units: ms, s, m, h)")]
    [InlineData("steps: [{pause: -5s}]", "steps[0].pause: \"-5s\" is negative; use a duration of 0s or more, e.g. 30s")]
    [InlineData("steps: [{pause: [manual]}]", "steps[0].pause: expected a duration like 30s or 5m; got a list")]
    [InlineData("steps: []", "steps: needs at least one step; add one, or leave steps out for the default (1 canary pod, then a manual pause)")]
    [InlineData("steps: {replicas: 1}", "steps: expected a list of steps; got a mapping")]
    [InlineData("steps: [~]", "steps[0]: required; write a step like {replicas: 1, pause: manual}")]
    [InlineData("steps: [manual]", "steps[0]: expected a mapping with fields replicas, weight, matches, pause, analysis; got the string \"manual\"")]
    [InlineData("steps: [{analysis: [succes-rate]}]", "steps[0].analysis[0]: \"succes-rate\" is not defined in analysis.metrics; define it there or use a defined name (no metrics are defined yet)")]
    [InlineData("steps: [{analysis: success-rate}]", "steps[0].analysis: expected a list of metric names; got the string \"success-rate\"")]
    public void A_bad_step_is_refused_with_the_field_and_the_fix(string yaml, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void A_step_naming_an_undefined_metric_lists_the_defined_ones()
    {
        const string yaml = """
            steps: [{analysis: [success-rate, latency, success-rate]}]
            analysis:
              metrics:
                - {name: success-rate, query: up, min: 1}
                - {name: error-rate, query: up, max: 0}
            """;

        Assert.Equal(
            [
                "steps[0].analysis[1]: \"latency\" is not defined in analysis.metrics; define it there or use a defined name (defined: success-rate, error-rate)",
                "steps[0].analysis[2]: \"success-rate\" is listed twice; name each metric once",
            ],
            StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void More_than_twenty_steps_are_refused()
    {
        var yaml = "steps: [" + string.Join(", ", Enumerable.Repeat("{replicas: 1}", 21)) + "]";

        Assert.Equal(["steps: has 21 steps, more than 20; combine steps"], StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void Twenty_steps_are_fine()
    {
        var yaml = "steps: [" + string.Join(", ", Enumerable.Repeat("{replicas: 1}", 20)) + "]";

        Assert.Equal(20, StrategyAssert.Valid(yaml).Steps.Count);
    }

    [Fact]
    public void Every_problem_is_reported_at_once()
    {
        const string yaml = """
            steps:
              - replicas: "150%"
                wieght: 5
              - weight: 150
                matches: [{headers: [{value: canary}]}]
                pause: 5 parsecs
                analysis: [success-rate]
            progressDeadline: 10
            """;

        Assert.Equal(
            [
                "steps[0].wieght: unknown field; allowed: replicas, weight, matches, pause, analysis",
                "steps[0].replicas: \"150%\" is outside 1%–100%; use a percent from 1% to 100%, or a pod count like 2",
                "steps[1].weight: 150 is outside 0–100; use a whole number from 0 to 100",
                "steps[1].matches[0].headers[0].name: required; name the header to match, e.g. name: my-request-id",
                "steps[1].analysis[0]: \"success-rate\" is not defined in analysis.metrics; define it there or use a defined name (no metrics are defined yet)",
                "steps[1].pause: \"5 parsecs\" is neither manual nor a duration; write manual, or a number and a unit (ms, s, m, h), e.g. 30s or 5m",
                "progressDeadline: 10 has no unit; write 10s or 10m (units: ms, s, m, h)",
            ],
            StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void Errors_carry_the_field_apart_from_the_message()
    {
        var result = Greylane.Core.Strategy.StrategyReader.Read("steps: [{weight: 150}]");

        var error = Assert.Single(result.Errors);
        Assert.Equal("steps[0].weight", error.Field);
        Assert.Equal("150 is outside 0–100; use a whole number from 0 to 100", error.Message);
        Assert.False(result.IsValid);
    }
}
