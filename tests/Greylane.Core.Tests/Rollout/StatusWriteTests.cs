using Greylane.Core.Rollout;
using static Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout.Tests;

public sealed class StatusWriteTests
{
    private static readonly RolloutStatus Promoting = RolloutStatus.Idle with { Phase = RolloutPhase.Promoting, Release = "r2" };

    [Fact]
    public void Unpause_after_events_goes_into_the_status_write_and_the_events_stay_in_order()
    {
        var write = StatusWrite.Of(new Decision(Promoting, [new Emit("Promoting", "all steps passed", EventType.Normal), new Unpause(), new RequeueAfter(TimeSpan.FromSeconds(1))]));

        Assert.Equal(false, write.Paused);
        Assert.True(write.ChangesMoreThanStatus);
        Assert.Equal([new Emit("Promoting", "all steps passed", EventType.Normal), new RequeueAfter(TimeSpan.FromSeconds(1))], write.Rest);
    }

    [Fact]
    public void A_deployment_change_after_another_side_effect_keeps_its_place()
    {
        // Promotion unpins the stable Service before the Deployment's own rolling update may start.
        var write = StatusWrite.Of(new Decision(Promoting, [new UnpinStable(), new Unpause()]));

        Assert.Null(write.Paused);
        Assert.False(write.ChangesMoreThanStatus);
        Assert.Equal([new UnpinStable(), new Unpause()], write.Rest);
    }

    [Fact]
    public void Clearing_the_release_at_rest_goes_into_the_write_and_the_status_says_it_was_cleared()
    {
        var completed = RolloutStatus.Idle with { Phase = RolloutPhase.Completed, Release = "r2" };

        var write = StatusWrite.Of(new Decision(completed, [new Emit("Completed", "done", EventType.Normal), new ClearRelease()]));

        Assert.True(write.ClearRelease);
        Assert.True(write.Status.ReleaseCleared);
        Assert.Equal([new Emit("Completed", "done", EventType.Normal)], write.Rest);
    }

    [Fact]
    public void The_command_is_always_cleared_in_the_write_wherever_it_stands()
    {
        var write = StatusWrite.Of(new Decision(Promoting, [new ScaleCanary("r2", 1), new ClearCommand(), new Repause()]));

        Assert.True(write.ClearCommand);
        Assert.Null(write.Paused);
        Assert.Equal([new ScaleCanary("r2", 1), new Repause()], write.Rest);
    }

    [Fact]
    public void A_decision_without_deployment_changes_writes_only_its_status()
    {
        var write = StatusWrite.Of(new Decision(Promoting, [new ScaleCanary("r2", 1)]));

        Assert.False(write.ChangesMoreThanStatus);
        Assert.Same(Promoting, write.Status);
    }
}
