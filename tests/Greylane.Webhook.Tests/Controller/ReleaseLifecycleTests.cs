using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ReleaseLifecycleTests
{
    [Fact]
    public async Task A_kubectl_update_is_held_gets_a_canary_and_is_promoted_on_command()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);

        await bed.SetImageAsync("web", "app", "web:v2");

        var held = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        Assert.True(held.Spec.Paused);
        var canary = Assert.Single(await bed.CanariesAsync());
        Assert.Equal($"web-canary-{Annotation(held, "greylane.dev/release")}", canary.Metadata.Name);
        Assert.Equal("web:v2", canary.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(1, canary.Status.AvailableReplicas);
        Assert.False(canary.Metadata.OwnerReferences.Single().Controller);

        await bed.CommandAsync("web", "promote");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed && Annotation(d, "greylane.dev/release") is null, "promoted");
        Assert.False(done.Spec.Paused);
        Assert.Null(Annotation(done, "greylane.dev/command"));
        Assert.Equal(2, done.Status.UpdatedReplicas);
        Assert.Empty(await bed.CanariesAsync());
        Assert.Equal(
            [RolloutPhase.Initializing, RolloutPhase.StepScaling, RolloutPhase.StepRouting, RolloutPhase.StepAnalyzing, RolloutPhase.StepPaused, RolloutPhase.Promoting, RolloutPhase.Finalizing, RolloutPhase.Completed],
            Status(done).History.Select(h => h.To).Where(p => p != RolloutPhase.Idle).Distinct());
    }
}
