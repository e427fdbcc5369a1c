using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class CommandTests
{
    private const string TwoManualSteps = """
        steps:
          - replicas: 1
            pause: manual
          - replicas: 2
            pause: manual
        """;

    [Fact]
    public async Task Pause_resume_promote_abort_and_retry_are_acted_on_and_removed()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", TwoManualSteps, replicas: 2);
        await bed.ReleaseToPauseAsync("web");

        await bed.CommandAsync("web", "pause");
        var paused = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Status(d).PausedByUser && Annotation(d, "greylane.dev/command") is null, "paused by user");
        Assert.Equal(0, Status(paused).Step);

        await bed.CommandAsync("web", "resume");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => !Status(d).PausedByUser && Annotation(d, "greylane.dev/command") is null, "resumed");

        await bed.CommandAsync("web", "promote");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.StepPaused && Status(d).Step == 1, "step 2 paused");
        Assert.Equal(2, Assert.Single(await bed.CanariesAsync()).Spec.Replicas);

        await bed.CommandAsync("web", "abort");
        var rolledBack = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack, "rolled back");
        Assert.True(rolledBack.Spec.Paused);
        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary deleted");

        await bed.CommandAsync("web", "retry");
        var retried = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.StepPaused && Status(d).Step == 0, "retried to step 1");
        Assert.Contains(Status(retried).History, h => h.Trigger == RolloutTrigger.Retry);
        Assert.Null(Annotation(retried, "greylane.dev/command"));
        Assert.Single(await bed.CanariesAsync());
    }

    [Fact]
    public async Task An_unknown_command_is_removed_with_a_warning_that_says_why()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");

        await bed.CommandAsync("web", "launch");

        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Annotation(d, "greylane.dev/command") is null, "command removed");
        var events = await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedEventAsync(ControllerBed.Namespace)).Items,
            items => items.Any(e => e.Type == "Warning" && e.Message.Contains("launch", StringComparison.Ordinal)),
            "a warning naming the command");
        Assert.NotEmpty(events);
    }

    [Fact]
    public async Task A_person_resuming_mid_release_is_paused_again_while_the_controllers_promotion_goes_through()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");

        // What `kubectl rollout resume` sends.
        var resumed = await bed.PatchAsync("web", """{"spec":{"paused":null}}""");

        Assert.True(resumed.Spec.Paused);
        await bed.CommandAsync("web", "promote");
        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted");
        Assert.False(done.Spec.Paused);
    }
}
