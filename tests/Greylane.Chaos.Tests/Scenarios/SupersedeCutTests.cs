using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// A single replica; a third template supersedes the release at step 2 (20 %), so <c>Initializing</c> is stored with an
/// old canary and its routing to clean up. The controller is killed right after storing it, and its successor after its
/// first restore write; the new release must still start clean and complete.
/// </summary>
public sealed class SupersedeCutTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_supersede_whose_controller_is_killed_while_initializing_cleans_up_and_completes_the_newer_release() =>
        Scenario.RunAsync(output, ReleasePlan.Default.WithManualPause(1), leaderElection: false, TimeSpan.FromSeconds(180), async (bed, ct) =>
        {
            var afterInitializing = new ChaosRule("kill after Initializing is stored", ChaosRule.StatusWrite("Initializing"));
            var midRestore = new ChaosRule("kill after the first restore write", e => e.IsRoutingWrite);
            var lives = 0;
            await using var fleet = new ControllerFleet(bed, 1, proxy =>
            {
                switch (Interlocked.Increment(ref lives))
                {
                    case 1:
                        proxy.Arm(afterInitializing);
                        break;
                    case 2:
                        proxy.Arm(midRestore);
                        break;
                }
            });
            await fleet.StartAsync(ct);
            await bed.ShipAsync("web:v2");
            await bed.WaitAsync(s => s.Status.Phase == "StepPaused" && s.Status.Step == 1, "step 2 (20 %) paused", TimeSpan.FromSeconds(60), ct);

            await bed.ShipAsync("web:v3");
            await bed.WaitAsync(s => s.Status.Phase == "StepPaused" && s.Status.Step == 1 && Volatile.Read(ref lives) >= 3, "the newer release at step 2", TimeSpan.FromSeconds(90), ct);
            await bed.CommandAsync("promote");

            await bed.ConvergeAsync("Completed", ct, TimeSpan.FromSeconds(120));
            foreach (var rule in new[] { afterInitializing, midRestore }.Where(r => !r.Fired))
            {
                bed.Findings.Add("harness", $"rule '{rule.Name}' never fired");
            }
        });
}
