using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 5: two replicas; the leader is frozen (SIGSTOP) right after a status write, past its lease; the other takes
/// over and moves the release on; then the old leader is continued (SIGCONT). None of its writes may land after the new
/// leader's first, and routing must match the status at every observation and at the end.
/// </summary>
public sealed class FrozenLeaderTests(ITestOutputHelper output)
{
    /// <summary>
    /// StepRouting: frozen before it applies step 1's routing; the new leader is told to abort, so the release rolls back
    /// (the case: the old leader then wrote canary routing into a rolled-back release).
    /// StepPaused: frozen at step 2 (20 %), the new leader promotes. Aborting: frozen before it restores routing. The
    /// others: frozen right after storing that phase (before its action), the new leader finishes the release.
    /// (Initializing is stored only when an earlier release must be cleaned up; LeaderKillTests cuts there.)
    /// </summary>
    [Theory]
    [InlineData("StepScaling")]
    [InlineData("StepRouting")]
    [InlineData("StepPaused")]
    [InlineData("Promoting")]
    [InlineData("Finalizing")]
    [InlineData("Aborting")]
    public Task A_leader_frozen_past_its_lease_and_resumed_never_writes_after_its_successor(string phase)
    {
        var (plan, trigger, end) = phase switch
        {
            "StepRouting" => (ReleasePlan.Default, ChaosRule.StatusWrite("StepRouting", 0), "RolledBack"),
            "StepPaused" => (ReleasePlan.Default, ChaosRule.StatusWrite("StepPaused", 1), "Completed"),
            // Step 3 (2 pods) is the one whose canary must grow, so its StepScaling is stored on its own.
            "StepScaling" => (ReleasePlan.Default, ChaosRule.StatusWrite("StepScaling", 2), "Completed"),
            "Aborting" => (ReleasePlan.Default.WithManualPause(1), ChaosRule.StatusWrite("Aborting"), "RolledBack"),
            _ => (ReleasePlan.Default, ChaosRule.StatusWrite(phase), "Completed"),
        };
        return Scenario.RunAsync(output, plan, leaderElection: true, TimeSpan.FromSeconds(180), async (bed, ct) =>
        {
            var old = await bed.StartControllerAsync(p => p.Arm(new ChaosRule($"freeze after {phase} is stored", trigger, ChaosAction.Stop)), ct);
            await bed.WaitForLeaderAsync(old, ct);
            var successor = await bed.StartControllerAsync(arm: null, ct);
            await bed.ShipAsync("web:v2");
            if (phase == "Aborting")
            {
                await bed.WaitAsync(s => s.Status.Phase == "StepPaused" && s.Status.Step == 1, "step 2 (20 %) paused", TimeSpan.FromSeconds(60), ct);
                await bed.CommandAsync("abort");
            }

            await bed.WaitAsync(_ => old.Stopped, $"{old.Identity} frozen", TimeSpan.FromSeconds(60), ct);
            await bed.WaitForLeaderAsync(successor, ct);
            if (phase == "StepRouting")
            {
                await bed.WaitAsync(_ => FirstWrite(successor) is not null, $"{successor.Identity}'s first write", TimeSpan.FromSeconds(30), ct);
                await bed.CommandAsync("abort");
            }

            await bed.WaitAsync(s => bed.Converged(s, end), $"{end} under {successor.Identity}", TimeSpan.FromSeconds(60), ct);
            old.Continue("the frozen leader resumes");
            await Task.Delay(TimeSpan.FromSeconds(3), ct);

            await bed.ConvergeAsync(end, ct, TimeSpan.FromSeconds(10));
            var first = FirstWrite(successor);
            foreach (var late in old.Proxy.Exchanges.Where(e => e.IsStateWrite && e.Landed && e.Answered > first))
            {
                bed.Findings.Add("write of the old leader after the new leader's first", $"{late.Describe()} answered at {Timeline.Stamp(late.Answered!.Value)}; {successor.Identity} first wrote at {Timeline.Stamp(first!.Value)}");
            }

            // Events change no state, but they are fenced like every write: a deposed leader's Event would tell people
            // something that did not happen.
            foreach (var late in old.Proxy.Exchanges.Where(e => e.IsEvent && e.IsWrite && e.Landed && e.Answered > first))
            {
                bed.Findings.Add("Event of the old leader after the new leader's first write", $"{late.Describe()} answered at {Timeline.Stamp(late.Answered!.Value)}");
            }
        });
    }

    private static TimeSpan? FirstWrite(ControllerProcess process) =>
        process.Proxy.Exchanges.Where(e => e.IsStateWrite && e.Landed).Select(e => e.Answered).Min();
}
