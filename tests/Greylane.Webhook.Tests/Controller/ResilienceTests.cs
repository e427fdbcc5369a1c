using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ResilienceTests
{
    private const string Stepped = """
        steps:
          - replicas: 1
            pause: 300ms
          - replicas: 2
            pause: 300ms
          - replicas: 100%
            pause: 0s
        """;

    [Fact]
    public async Task A_controller_restarted_again_and_again_resumes_with_no_duplicate_canary_and_no_lost_step()
    {
        await using var bed = await ControllerBed.StartAsync(new Greylane.Sandbox.SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(300) });
        var tap = new ApiTap();
        await bed.DeployAsync("web", Stepped, replicas: 4);
        await bed.SetImageAsync("web", "app", "web:v2");

        var seen = new List<(RolloutPhase Phase, int Step)>();
        var lives = 0;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            // Each life is cut short at a different point, so the cuts fall in every phase of the release.
            var replica = await bed.StartControllerAsync($"life-{lives}", tap, leaderElection: false);
            var life = DateTime.UtcNow.AddMilliseconds(60 + (lives % 5 * 70));
            while (DateTime.UtcNow < life)
            {
                var status = Status(await bed.GetAsync("web"));
                if (seen.Count == 0 || seen[^1] != (status.Phase, status.Step))
                {
                    seen.Add((status.Phase, status.Step));
                }

                await Task.Delay(15);
            }

            await replica.DisposeAsync();
            lives++;
            if (seen[^1].Phase == RolloutPhase.Completed)
            {
                break;
            }
        }

        Assert.Equal(RolloutPhase.Completed, seen[^1].Phase);
        Assert.True(lives >= 5, $"only {lives} lives");
        Assert.Equal(1, tap.Count("POST", "/replicasets"));
        var steps = seen.Where(s => s.Phase is RolloutPhase.StepScaling or RolloutPhase.StepPaused).Select(s => s.Step).ToList();
        Assert.Equal(steps.Order(), steps);
        Assert.Contains(2, steps);
        Assert.Empty(await bed.CanariesAsync());
    }

    [Fact]
    public async Task With_two_controllers_only_the_leader_writes_and_killing_it_hands_over()
    {
        await using var bed = await ControllerBed.StartAsync();
        var tapA = new ApiTap();
        var tapB = new ApiTap();
        var a = await bed.StartControllerAsync("replica-a", tapA);
        var b = await bed.StartControllerAsync("replica-b", tapB);
        await bed.DeployAsync("web", CommandTestsStrategy);
        await bed.ReleaseToPauseAsync("web");

        var lease = await bed.Client.CoordinationV1.ReadNamespacedLeaseAsync("greylane-controller", "greylane-system");
        var (leader, follower, leaderTap, followerTap) = lease.Spec.HolderIdentity == "replica-a" ? (a, b, tapA, tapB) : (b, a, tapB, tapA);
        Assert.NotEmpty(leaderTap.Writes);
        Assert.Empty(followerTap.Writes);

        await leader.DisposeAsync();
        await bed.CommandAsync("web", "promote");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted by the new leader", TimeSpan.FromSeconds(45));
        Assert.NotEmpty(followerTap.Writes);
        Assert.Equal(follower.Identity, (await bed.Client.CoordinationV1.ReadNamespacedLeaseAsync("greylane-controller", "greylane-system")).Spec.HolderIdentity);
        Assert.False(done.Spec.Paused);
    }

    [Fact]
    public async Task Conflicts_on_a_fifth_of_all_writes_still_converge()
    {
        await using var bed = await ControllerBed.StartAsync();
        var tap = new ApiTap(conflictRate: 0.2);
        await bed.StartControllerAsync(tap: tap);
        await bed.DeployAsync("web", Stepped, replicas: 4);

        await bed.SetImageAsync("web", "app", "web:v2");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed && Annotation(d, "greylane.dev/release") is null, "promoted", TimeSpan.FromSeconds(60));
        Assert.True(tap.InjectedConflicts > 0);
        Assert.False(done.Spec.Paused);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary deleted");
    }

    private const string CommandTestsStrategy = OneStep;
}
