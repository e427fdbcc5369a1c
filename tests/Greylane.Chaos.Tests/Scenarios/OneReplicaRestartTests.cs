using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 1: a single controller replica (no leader election), SIGKILLed right after each status write of the release
/// is answered (between persisting a phase and running its action) and started again.
/// </summary>
public sealed class OneReplicaRestartTests(ITestOutputHelper output)
{
    private static readonly string[] MustBeCut = ["StepRouting#0", "StepPaused#0", "StepRouting#1", "StepPaused#1", "StepRouting#2", "StepPaused#2", "Promoting#2", "Finalizing#2"];

    [Fact]
    public Task A_release_whose_controller_is_killed_after_every_status_write_completes_with_the_original_routing() =>
        Scenario.RunAsync(output, ReleasePlan.Default, leaderElection: false, TimeSpan.FromSeconds(360), async (bed, ct) =>
        {
            var book = CutBook.EveryPhaseAndStep();
            await using var fleet = new ControllerFleet(bed, 1, proxy => proxy.Arm(new ChaosRule("kill after a status write", e => e.Status is { } s && book.Claim(s))));
            await fleet.StartAsync(ct);

            await bed.ShipAsync("web:v2");

            await bed.ConvergeAsync("Completed", ct, TimeSpan.FromSeconds(300));
            output.WriteLine($"cut after the status writes of: {string.Join(", ", book.Cut)} ({fleet.Restarts} restarts)");
            foreach (var point in MustBeCut.Except(book.Cut))
            {
                bed.Findings.Add("harness", $"no cut after {point}: the walk did not reach it");
            }
        });
}
