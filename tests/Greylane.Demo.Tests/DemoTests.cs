using Greylane.Core.Rollout;
using Greylane.Demo.Metrics;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;
using Greylane.Demo.Tests.Support;
using Xunit.Abstractions;

namespace Greylane.Demo.Tests;

[Collection(RealProcesses.Name)]
public sealed class DemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_completes_the_first_release_and_analysis_rolls_back_the_faulty_second_within_three_minutes()
    {
        Assert.True(PrometheusProcess.Find() is not null, $"prometheus is not installed, and the demo's analysis gates need it: {PrometheusProcess.InstallHint}");
        var writer = new TestWriter();

        DemoOutcome outcome;
        try
        {
            outcome = await DemoRun.RunAsync(new DemoSettings { Strategy = DemoStrategies.For }, writer, DemoRun.DefaultLimit, CancellationToken.None);
        }
        finally
        {
            writer.CopyTo(output);
        }

        Assert.Empty(outcome.Problems);
        Assert.Equal(RolloutPhase.Completed, outcome.FirstRelease);
        Assert.Equal(RolloutPhase.RolledBack, outcome.SecondRelease);
        Assert.True(outcome.GatedByAnalysis);
        Assert.True(outcome.Succeeded);
    }
}
