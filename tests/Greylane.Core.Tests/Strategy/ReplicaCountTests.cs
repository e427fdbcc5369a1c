using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class ReplicaCountTests
{
    [Theory]
    [InlineData("1", 1, 1)]
    [InlineData("1", 10, 1)]
    [InlineData("3", 10, 3)]
    [InlineData("5", 3, 3)]
    [InlineData("100", 4, 4)]
    [InlineData("50%", 3, 2)]
    [InlineData("50%", 4, 2)]
    [InlineData("10%", 3, 1)]
    [InlineData("1%", 1000, 10)]
    [InlineData("34%", 3, 2)]
    [InlineData("100%", 7, 7)]
    [InlineData("50%", 1, 1)]
    [InlineData("50%", 0, 1)]
    [InlineData("1", 0, 1)]
    [InlineData("3", 0, 1)]
    public void A_step_resolves_to_at_least_one_pod_and_never_more_than_the_deployment(string replicas, int deploymentReplicas, int pods)
    {
        var step = StrategyAssert.Valid($"steps: [{{replicas: '{replicas}'}}]").Steps[0];

        Assert.Equal(pods, StrategyReader.ResolveReplicas(step, deploymentReplicas));
        Assert.Equal(pods, step.Replicas.Resolve(deploymentReplicas));
    }

    [Fact]
    public void A_percent_above_one_hundred_is_refused_before_it_could_resolve()
    {
        Assert.Equal(
            ["steps[0].replicas: \"150%\" is outside 1%–100%; use a percent from 1% to 100%, or a pod count like 2"],
            StrategyAssert.Errors("steps: [{replicas: 150%}]"));
    }

    [Theory]
    [InlineData(2, false, "2")]
    [InlineData(50, true, "50%")]
    public void A_count_prints_as_users_write_it(int value, bool isPercent, string text)
    {
        Assert.Equal(text, new ReplicaCount(value, isPercent).ToString());
    }

    [Fact]
    public void Resolving_a_null_step_is_an_argument_error()
    {
        Assert.Throws<ArgumentNullException>(() => StrategyReader.ResolveReplicas(null!, 3));
    }
}
