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
