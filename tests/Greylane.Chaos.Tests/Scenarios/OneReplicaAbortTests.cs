using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 2: a single replica, the release aborted by command at step 2 (20 % weight); the controller is killed right
/// after it stores <c>Aborting</c>, and its successor right after its first restore write.
/// </summary>
public sealed class OneReplicaAbortTests(ITestOutputHelper output)
{
    [Fact]
    public Task An_abort_whose_controller_is_killed_after_storing_it_and_again_mid_restore_rolls_back_to_the_original_routing() =>
        Scenario.RunAsync(output, ReleasePlan.Default.WithManualPause(1), leaderElection: false, TimeSpan.FromSeconds(180), async (bed, ct) =>
        {
            var afterAborting = new ChaosRule("kill after Aborting is stored", ChaosRule.StatusWrite("Aborting"));
            var midRestore = new ChaosRule("kill after the first restore write", e => e.IsRoutingWrite);
            var lives = 0;
            await using var fleet = new ControllerFleet(bed, 1, proxy =>
            {
                switch (Interlocked.Increment(ref lives))
                {
                    case 1:
                        proxy.Arm(afterAborting);
                        break;
                    case 2:
                        proxy.Arm(midRestore);
                        break;
                }
            });
            await fleet.StartAsync(ct);
            await bed.ShipAsync("web:v2");
            await bed.WaitAsync(s => s.Status.Phase == "StepPaused" && s.Status.Step == 1, "step 2 (20 %) paused", TimeSpan.FromSeconds(60), ct);

            await bed.CommandAsync("abort");

            await bed.ConvergeAsync("RolledBack", ct, TimeSpan.FromSeconds(120));
            foreach (var rule in new[] { afterAborting, midRestore }.Where(r => !r.Fired))
            {
                bed.Findings.Add("harness", $"rule '{rule.Name}' never fired");
            }
        });
}
