using Xunit.Abstractions;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// Runs one scenario bounded by <c>budget</c> (every wait takes the token, so a hang becomes a failure, never a stuck
/// CI job), kills every controller process whatever happened, and fails with the full report when the scenario threw
/// or the observer found anything.
/// </summary>
internal static class Scenario
{
    public static async Task RunAsync(ITestOutputHelper output, ReleasePlan plan, bool leaderElection, TimeSpan budget, Func<ChaosBed, CancellationToken, Task> body)
    {
        using var timeout = new CancellationTokenSource(budget);
        var bed = await ChaosBed.StartAsync(plan, leaderElection, timeout.Token);
        Exception? failure = null;
        try
        {
            await body(bed, timeout.Token);
        }
        catch (Exception e)
        {
            failure = e is OperationCanceledException && timeout.IsCancellationRequested
                ? new TimeoutException($"the scenario ran out of its {budget.TotalSeconds:0}s budget", e)
                : e;
        }
        finally
        {
            await bed.StopControllersAsync();
        }

        try
        {
            if (failure is null && bed.Findings.Count == 0)
            {
                // GREYLANE_CHAOS_REPORT=1 prints the whole report of passing scenarios too (timeline, logs).
                output.WriteLine(Environment.GetEnvironmentVariable("GREYLANE_CHAOS_REPORT") == "1" ? bed.Report(null) : bed.Summary());
                bed.DeleteDirectory();
                return;
            }

            var report = bed.Report(failure);
            output.WriteLine(report);
            Assert.Fail($"{bed.Findings.Count} finding(s){(failure is null ? "" : $" and {failure.GetType().Name}: {failure.Message}")}\n{bed.Findings.Format()}");
        }
        finally
        {
            await bed.DisposeAsync();
        }
    }
}
