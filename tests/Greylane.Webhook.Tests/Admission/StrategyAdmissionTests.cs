using Greylane.Core;
using Greylane.Webhook.Support.Tests;

namespace Greylane.Webhook.Admission.Tests;

public sealed class StrategyAdmissionTests
{
    public static TheoryData<string, string, string> InvalidStrategies => new()
    {
        { "steps: [ {replicas: 1", "strategy", "YAML" },
        { "\t\t: x", "strategy: not valid YAML or JSON at line 1, column 1", "a tab indents this line" },
        { "!<> steps", "strategy: not valid YAML or JSON at line 1, column 1", "tag value must not be empty" },
        { "stepz: []", "stepz", "" },
        { "steps: [{replicas: 1, weight: 150}]", "steps[0].weight", "100" },
        { "steps: [{replicas: 150%}]", "steps[0].replicas", "100" },
        { "steps: [{replicas: 1, matches: [{headers: [{value: canary}]}]}]", "steps[0].matches[0].headers[0]", "name" },
        { "steps: [{replicas: 1, pause: 5 parsecs}]", "steps[0].pause", "" },
        { "steps: [{replicas: 1, analysis: [success-rate]}]", "steps[0].analysis", "success-rate" },
    };

    [Theory]
    [MemberData(nameof(InvalidStrategies))]
    public void Invalid_strategy_is_denied_with_the_field_and_the_fix(string strategy, string field, string phrase)
    {
        var review = Fixture.Review("release");
        review["request"]!["object"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = strategy;

        var answer = Handler.Answer(review);

        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Null(answer.Response["patch"]);
        Assert.Contains(field, answer.Message, StringComparison.Ordinal);
        Assert.Contains(phrase, answer.Message, StringComparison.OrdinalIgnoreCase);
        Assert.StartsWith("greylane.dev/strategy on e2e/mocka-base is invalid: ", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_strategy_is_denied_on_create_too()
    {
        var review = Fixture.Review("create");
        review["request"]!["object"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = "steps: [{replicas: 1, weight: -5}]";

        var answer = Handler.Answer(review);

        Assert.False(answer.Allowed);
        Assert.Contains("steps[0].weight", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unchanged_strategy_is_not_judged_again_on_a_write_that_starts_no_release()
    {
        // An older Greylane accepted it; the controller's own status writes must still pass.
        var review = Fixture.Review("labels-only");
        review["request"]!["object"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = "stepz: []";
        review["request"]!["oldObject"]!["metadata"]!["annotations"]![GreylaneKeys.Strategy] = "stepz: []";

        var answer = Handler.Answer(review);

        Assert.True(answer.Allowed);
        Assert.False(answer.HasPatch);
    }

    [Fact]
    public void Strategy_reference_leaves_the_merged_strategy_to_the_controller()
    {
        var review = Fixture.Review("release");
        var annotations = review["request"]!["object"]!["metadata"]!["annotations"]!;
        annotations[GreylaneKeys.StrategyRef] = "lane-strategy";
        annotations[GreylaneKeys.Strategy] = "steps: [{replicas: 1, analysis: [defined-in-the-configmap]}]";

        var answer = Handler.Answer(review);

        Assert.True(answer.Allowed);
        Assert.Equal([$"greylane: release {Fixture.Hash("v2")} of e2e/mocka-base held for canary (strategy from ConfigMap lane-strategy)"], answer.Warnings);
    }

    [Fact]
    public void Strategy_reference_does_not_excuse_an_impossible_inline_value()
    {
        var review = Fixture.Review("release");
        var annotations = review["request"]!["object"]!["metadata"]!["annotations"]!;
        annotations[GreylaneKeys.StrategyRef] = "lane-strategy";
        annotations[GreylaneKeys.Strategy] = "steps: [{replicas: 1, weight: 150}]";

        var answer = Handler.Answer(review);

        Assert.False(answer.Allowed);
        Assert.Contains("steps[0].weight", answer.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Strategy_reference_with_an_inline_part_that_is_not_yaml_is_denied()
    {
        var review = Fixture.Review("release");
        var annotations = review["request"]!["object"]!["metadata"]!["annotations"]!;
        annotations[GreylaneKeys.StrategyRef] = "lane-strategy";
        annotations[GreylaneKeys.Strategy] = "steps: [ {replicas: 1";

        var answer = Handler.Answer(review);

        Assert.False(answer.Allowed);
        Assert.Equal(400, answer.Code);
        Assert.Contains("not valid YAML or JSON at line", answer.Message, StringComparison.Ordinal);
    }
}
