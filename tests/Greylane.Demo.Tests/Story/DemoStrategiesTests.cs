using Greylane.Core.Analysis;
using Greylane.Core.Strategy;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;
using Greylane.Demo.Support.Tests;

namespace Greylane.Demo.Story.Tests;

public sealed class DemoStrategiesTests
{
    [Theory]
    [InlineData(DemoNames.MockA, true)]
    [InlineData(DemoNames.MockB, true)]
    [InlineData(DemoNames.MockA, false)]
    [InlineData(DemoNames.MockB, false)]
    public void The_demo_strategies_are_valid_and_keep_the_seed_lane_and_manual_pause(string deployment, bool analysis)
    {
        var read = StrategyReader.Read(DemoStrategies.For(deployment, analysis));

        Assert.True(read.IsValid, string.Join("\n", read.Errors));
        var step = Assert.Single(read.Strategy!.Steps);
        Assert.Equal(PauseSpec.Manual, step.Pause);
        Assert.Equal("canary", read.Strategy.CanaryLabels["version"]);
        Assert.Equal(analysis ? ["success-rate"] : [], step.Analysis);
    }

    [Fact]
    public void The_test_strategies_are_valid()
    {
        // Judged as the demo's webhook judges them, tenancy on.
        var tenancy = new TenancyCheck(QueryTenancy.On, DemoNames.Namespace, "mockb-base");
        Assert.True(StrategyReader.Read(TestStrategies.Gated(), tenancy: tenancy).IsValid);
        Assert.True(StrategyReader.Read(TestStrategies.Gated(query: TestStrategies.Malformed, inconclusiveLimit: 1), tenancy: tenancy).IsValid);
    }

    [Fact]
    public void The_seed_is_applied_with_the_demo_strategy_and_the_version_read_from_the_pod_label()
    {
        var yaml = SeedManifests.Load(name => DemoStrategies.For(name, analysis: true));

        Assert.Contains("metadata.labels['version']", yaml, StringComparison.Ordinal);
        Assert.Contains("success-rate", yaml, StringComparison.Ordinal);
        Assert.Contains("kind: VirtualService", yaml, StringComparison.Ordinal);
    }
}
