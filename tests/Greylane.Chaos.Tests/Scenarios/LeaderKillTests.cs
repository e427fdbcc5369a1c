using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 4: two replicas with leader election; the leader is SIGKILLed right after its first status write of each
/// phase, the follower takes over (after the lease runs out: nothing released it) and a new follower is started.
/// </summary>
public sealed class LeaderKillTests(ITestOutputHelper output)
{
    private static readonly string[] MustBeCut = ["StepRouting", "StepPaused", "Promoting", "Finalizing"];

    [Fact]
    public Task A_release_whose_leader_is_killed_in_every_phase_completes_under_its_successors() =>
        Scenario.RunAsync(output, ReleasePlan.Default, leaderElection: true, TimeSpan.FromSeconds(300), async (bed, ct) =>
        {
            var book = CutBook.EveryPhase();
            await using var fleet = new ControllerFleet(bed, 2, proxy => proxy.Arm(new ChaosRule("kill the leader after a status write", e => e.Status is { } s && book.Claim(s))));
            await fleet.StartAsync(ct);

            await bed.ShipAsync("web:v2");

            await bed.ConvergeAsync("Completed", ct, TimeSpan.FromSeconds(240));
            output.WriteLine($"leader killed after the status writes of: {string.Join(", ", book.Cut)} ({fleet.Restarts} replacements)");
            foreach (var point in MustBeCut.Except(book.Cut))
            {
                bed.Findings.Add("harness", $"no cut after {point}: the walk did not reach it");
            }
        });
}
