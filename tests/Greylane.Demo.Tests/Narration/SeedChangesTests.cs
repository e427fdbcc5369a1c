using Greylane.Demo.Narration;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;

namespace Greylane.Demo.Narration.Tests;

public sealed class SeedChangesTests
{
    [Fact]
    public void The_demo_prints_the_strategy_it_applies_and_where_version_comes_from()
    {
        var text = SeedChanges.Describe(name => DemoStrategies.For(name, analysis: true));

        Assert.Contains("VERSION comes from the pod's own version label", text, StringComparison.Ordinal);
        Assert.Contains("  greylane.dev/strategy of mocka-base (the demo's, instead of the seed's):\n    canaryLabels:\n      istio.service.tag: gray\n", text, StringComparison.Ordinal);
        Assert.Contains("        - name: success-rate\n", text, StringComparison.Ordinal);
        Assert.EndsWith("  greylane.dev/strategy of mockb-base: the same, for mockb (Service mockb and its routing objects)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void A_strategy_that_is_not_the_same_for_both_is_printed_for_each()
    {
        var text = SeedChanges.Describe(name => name == DemoNames.MockA ? "steps: [{replicas: 1}]" : "steps: [{replicas: 2}]");

        Assert.Contains("  greylane.dev/strategy of mockb-base (the demo's, instead of the seed's):\n    steps: [{replicas: 2}]", text, StringComparison.Ordinal);
    }
}
