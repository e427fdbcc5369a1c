using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ReleaseFlowTests
{
    [Fact]
    public async Task A_three_step_release_runs_through_every_step_and_is_promoted_by_itself()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", ThreeSteps, replicas: 4);

        await bed.SetImageAsync("web", "app", "web:v2");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted");
        Assert.False(done.Spec.Paused);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary deleted");
        var events = (await bed.Client.CoreV1.ListNamespacedEventAsync(ControllerBed.Namespace)).Items.Where(e => e.Source?.Component == "greylane").ToList();
        Assert.Equal(3, events.Count(e => e.Reason == "CanaryReady"));
        Assert.Equal(3, events.Count(e => e.Reason == "PauseElapsed"));
        Assert.Contains(events, e => e.Reason == "Finalized" && e.InvolvedObject.Name == "web");
    }

    [Theory]
    [InlineData("ImagePullBackOff", """{"spec":{"template":{"spec":{"containers":[{"name":"app","image":"web:fail-broken"}]}}}}""")]
    [InlineData("CrashLoopBackOff", """{"spec":{"template":{"metadata":{"annotations":{"sandbox.greylane.dev/behavior":"crash-loop"}},"spec":{"containers":[{"name":"app","image":"web:v2"}]}}}}""")]
    public async Task A_canary_that_never_gets_ready_is_rolled_back_at_the_progress_deadline_with_the_reason(string why, string update)
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", "progressDeadline: 2s\n" + OneStep);

        await bed.PatchAsync("web", update);

        var rolledBack = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack, $"rolled back after {why}");
        Assert.Contains(await Messages(bed), m => m.Contains("waiting for canary ready 0/1 (pod web-canary-", StringComparison.Ordinal)
            && m.Contains($"container app waiting: {why}", StringComparison.Ordinal) && m.EndsWith("after 2s: rolling back", StringComparison.Ordinal));
        Assert.True(rolledBack.Spec.Paused);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary deleted");
        Assert.Equal(2, (await bed.GetAsync("web")).Status.AvailableReplicas);
    }

    [Fact]
    public async Task A_newer_template_mid_release_supersedes_it_with_a_new_canary_from_step_one()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        var first = await bed.ReleaseToPauseAsync("web");

        await bed.SetImageAsync("web", "app", "web:v3");

        var second = await Eventually.UntilAsync(
            () => bed.GetAsync("web"),
            d => Phase(d) == RolloutPhase.StepPaused && Status(d).Release != Status(first).Release,
            "second release paused");
        Assert.Contains(Status(second).History, h => h.Trigger == RolloutTrigger.Superseded);
        var canary = Assert.Single(await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 1, "one canary"));
        Assert.Equal("web:v3", canary.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal(Status(second).Release, canary.Metadata.Labels["greylane.dev/release"]);
    }

    [Fact]
    public async Task The_stable_template_back_mid_release_rolls_back_and_unpauses_at_once()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");

        var reverted = await bed.SetImageAsync("web", "app", "web:v1");

        Assert.False(reverted.Spec.Paused);
        var done = await Eventually.UntilAsync(
            () => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack && Annotation(d, "greylane.dev/release") is null, "rolled back");
        Assert.False(done.Spec.Paused);
        Assert.Contains(Status(done).History, h => h.Trigger == RolloutTrigger.RevertedToStable);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary deleted");
    }

    [Fact]
    public async Task Scaling_the_deployment_mid_release_resizes_a_percent_canary()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", "steps:\n  - replicas: 50%\n    pause: manual", replicas: 2);
        await bed.ReleaseToPauseAsync("web");
        Assert.Equal(1, Assert.Single(await bed.CanariesAsync()).Spec.Replicas);

        await bed.PatchAsync("web", """{"spec":{"replicas":6}}""");

        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 1 && c[0].Spec.Replicas == 3, "canary resized to 3");
    }

    [Fact]
    public async Task Deleting_the_deployment_mid_release_leaves_nothing_behind()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");

        await bed.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ControllerBed.Namespace);

        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary gone");
        await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedPodAsync(ControllerBed.Namespace)).Items.Count, n => n == 0, "no pods left");
    }

    [Fact]
    public async Task Opting_out_mid_release_lets_kubernetes_finish_and_removes_the_canary()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");

        var optedOut = await bed.PatchAsync("web", """{"metadata":{"annotations":{"greylane.dev/enabled":null}}}""");

        Assert.False(optedOut.Spec.Paused);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary removed");
        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack && d.Status?.UpdatedReplicas == 2, "Kubernetes rolled out v2");
        Assert.Equal("web:v2", done.Spec.Template.Spec.Containers[0].Image);
    }

    private static async Task<IReadOnlyList<string>> Messages(ControllerBed bed) =>
        [.. (await bed.Client.CoreV1.ListNamespacedEventAsync(ControllerBed.Namespace)).Items.Where(e => e.Source?.Component == "greylane").Select(e => e.Message)];
}
