using System.Globalization;
using Greylane.Chaos.Harness.Tests;
using Xunit.Abstractions;

namespace Greylane.Chaos.Scenarios.Tests;

/// <summary>
/// Scenario 4, graceful: the leader gets SIGTERM mid-release (Kubernetes deleting its pod). The failover time is printed
/// (about the retry period when the stopping leader releases its Lease, about the lease duration when it does not);
/// only convergence is asserted.
/// </summary>
public sealed class GracefulHandoverTests(ITestOutputHelper output)
{
    [Fact]
    public Task A_leader_stopped_gracefully_mid_release_hands_over_and_the_release_completes() =>
        Scenario.RunAsync(output, ReleasePlan.Default.WithManualPause(1), leaderElection: true, TimeSpan.FromSeconds(150), async (bed, ct) =>
        {
            var leader = await bed.StartControllerAsync(arm: null, ct);
            await bed.WaitForLeaderAsync(leader, ct);
            var follower = await bed.StartControllerAsync(arm: null, ct);
            await bed.ShipAsync("web:v2");
            await bed.WaitAsync(s => s.Status.Phase == "StepPaused" && s.Status.Step == 1, "step 2 (20 %) paused", TimeSpan.FromSeconds(60), ct);

            var stopped = bed.Timeline.Now;
            leader.Terminate("graceful stop of the leader");
            await bed.WaitForLeaderAsync(follower, ct);
            var failover = bed.Observer.LeaseChanges.Last(c => c.Holder == follower.Identity).At - stopped;
            await leader.Exited.WaitAsync(TimeSpan.FromSeconds(30), ct);
            var exited = bed.Timeline.Now - stopped;
            output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"failover after SIGTERM: {failover.TotalSeconds:0.00}s (the old leader exited after {exited.TotalSeconds:0.00}s; lease duration {ControllerSettings.LeaseDuration.TotalSeconds}s, retry period {ControllerSettings.RetryPeriod.TotalSeconds}s)"));
            bed.Timeline.Add("test", string.Create(CultureInfo.InvariantCulture, $"failover took {failover.TotalSeconds:0.00}s"));

            await bed.CommandAsync("promote");

            await bed.ConvergeAsync("Completed", ct);
        });
}
