using System.Text.Json.Nodes;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy.Tests;

/// <summary>Reads and parses are remembered by their text: asking again gives the same answer and shares nothing editable.</summary>
public sealed class StrategyMemoTests
{
    [Fact]
    public void A_text_read_again_gives_the_same_strategy_and_the_same_errors()
    {
        const string valid = "steps: [{replicas: 2, pause: 30s}]\nprogressDeadline: 7m";
        const string broken = "steps: [{replicas: 1}";

        var first = StrategyReader.Read(valid);
        var again = StrategyReader.Read(valid);
        var firstBroken = StrategyReader.Read(broken);
        var brokenAgain = StrategyReader.Read(broken);

        Assert.Same(first.Strategy, again.Strategy);
        Assert.Equal(TimeSpan.FromMinutes(7), again.Strategy!.ProgressDeadline);
        Assert.Equal(firstBroken.Errors, brokenAgain.Errors);
        Assert.Single(brokenAgain.Errors);
    }

    [Fact]
    public void A_text_longer_than_what_is_remembered_is_read_every_time_with_the_same_answer()
    {
        var text = $"steps: [{{replicas: 3}}]\n# {new string('x', StrategyText.LongestRemembered)}";

        var first = StrategyReader.Read(text);
        var again = StrategyReader.Read(text);

        Assert.False(StrategyText.Remembered(text));
        Assert.NotSame(first.Strategy, again.Strategy);
        Assert.Equal(first.Strategy!.Steps[0].Replicas, again.Strategy!.Steps[0].Replicas);
        Assert.Equal(ReplicaCount.Of(3), again.Strategy.Steps[0].Replicas);
    }

    [Fact]
    public void The_same_text_judged_for_another_deployment_is_judged_again()
    {
        const string text = """analysis: {metrics: [{name: sr, query: 'sum(secret_metric{namespace="kube-system"})', min: 1}]}""";

        var unscoped = StrategyReader.Read(text);
        var scoped = StrategyReader.Read(text, tenancy: new TenancyCheck(QueryTenancy.On, "team1", "checkout"));

        Assert.True(unscoped.IsValid);
        Assert.False(scoped.IsValid);
    }

    [Fact]
    public void A_parsed_mapping_is_a_copy_that_a_reader_may_edit()
    {
        var errors = new List<StrategyError>();

        var first = StrategyText.Parse("steps: [{replicas: 1}]", FieldReader.InlineSource, errors)!;
        first["steps"] = new JsonArray();
        var again = StrategyText.Parse("steps: [{replicas: 1}]", FieldReader.InlineSource, errors)!;

        Assert.Empty(errors);
        Assert.Equal("""{"steps":[{"replicas":1}]}""", again.ToJsonString());
    }
}
