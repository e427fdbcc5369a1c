using System.Diagnostics;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Story;

/// <summary>Waits, bounded, until a Deployment's release satisfies a condition; meanwhile prints the traffic seen.</summary>
internal static class ReleaseWatch
{
    public static async Task<ReleaseView?> UntilAsync(
        DemoEnvironment environment, string deployment, Func<ReleaseView, bool> condition, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var waited = Stopwatch.StartNew();
        var lastTraffic = waited.Elapsed;
        while (true)
        {
            var view = ReleaseView.Read(environment.Sandbox.Store, deployment);
            if (condition(view))
            {
                return view;
            }

            if (waited.Elapsed > timeout)
            {
                return null;
            }

            if (waited.Elapsed - lastTraffic > TimeSpan.FromSeconds(4))
            {
                lastTraffic = waited.Elapsed;
                ReportTraffic(environment);
            }

            await Task.Delay(100, cancellationToken);
        }
    }

    /// <summary>Prints what the trickle's answers looked like since the last report, and starts counting afresh.</summary>
    public static void ReportTraffic(DemoEnvironment environment)
    {
        foreach (var line in environment.Traffic.Tally.Drain())
        {
            environment.Output.Line($"traffic  {line}");
        }
    }
}
