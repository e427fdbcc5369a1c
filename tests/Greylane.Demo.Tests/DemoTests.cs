using Greylane.Core.Rollout;
using Greylane.Demo.Metrics;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;
using Greylane.Demo.Support.Tests;
using Greylane.Testing.Output;
using Xunit.Abstractions;

namespace Greylane.Demo.Tests;

[Collection(RealProcesses.Name)]
public sealed class DemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_completes_the_first_release_and_analysis_rolls_back_the_faulty_second_within_three_minutes()
    {
        Assert.True(PrometheusProcess.Find() is not null, $"prometheus is not installed, and the demo's analysis gates need it: {PrometheusProcess.InstallHint}");
        var writer = new SharedWriter();

        DemoOutcome outcome;
        try
        {
            outcome = await DemoRun.RunAsync(new DemoSettings { Strategy = DemoStrategies.For }, writer, DemoRun.DefaultLimit, CancellationToken.None);
        }
        finally
        {
            output.WriteLine(writer.ToString());
        }

        Assert.Empty(outcome.Problems);
        Assert.Equal(RolloutPhase.Completed, outcome.FirstRelease);
        Assert.Equal(RolloutPhase.RolledBack, outcome.SecondRelease);
        Assert.True(outcome.RolledBackByAnalysis);
        Assert.True(outcome.Succeeded);
        var narration = writer.ToString();
        Assert.Matches(@"--kubeconfig /\S+/kubeconfig ", narration);
        Assert.Contains("greylane.dev/strategy of mocka-base (the demo's, instead of the seed's):", narration, StringComparison.Ordinal);
        var release2 = narration[narration.IndexOf("== Release 2", StringComparison.Ordinal)..];
        Assert.DoesNotContain(release2.Split('\n'), line => line.Contains("traffic", StringComparison.Ordinal) && line.Contains("mocka(canary)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Without_prometheus_or_kubectl_the_demo_still_completes_and_the_faulty_release_is_aborted_by_command()
    {
        var writer = new SharedWriter();

        DemoOutcome outcome;
        try
        {
            var settings = new DemoSettings { Strategy = DemoStrategies.For, UsePrometheus = false, UseKubectl = false };
            outcome = await DemoRun.RunAsync(settings, writer, DemoRun.DefaultLimit, CancellationToken.None);
        }
        finally
        {
            output.WriteLine(writer.ToString());
        }

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        Assert.False(outcome.RolledBackByAnalysis);
        Assert.Contains("command=abort", writer.ToString(), StringComparison.Ordinal);
        Assert.Contains("no analysis gates", writer.ToString(), StringComparison.Ordinal);
    }
}
