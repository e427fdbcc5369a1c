using Greylane.Core.Rollout;

namespace Greylane.Core.Rollout.Tests;

public sealed class RolloutPhasesTests
{
    [Fact]
    public void Every_phase_belongs_to_the_groups_the_contract_names()
    {
        var groups = Enum.GetValues<RolloutPhase>().ToDictionary(p => p, p => (p.IsAtRest, p.IsEnded, p.IsStep, p.IsPromoted));

        Assert.Equal([RolloutPhase.Idle, RolloutPhase.Completed, RolloutPhase.RolledBack], groups.Where(g => g.Value.IsAtRest).Select(g => g.Key));
        Assert.Equal([RolloutPhase.Completed, RolloutPhase.RolledBack], groups.Where(g => g.Value.IsEnded).Select(g => g.Key));
        Assert.Equal([RolloutPhase.StepScaling, RolloutPhase.StepRouting, RolloutPhase.StepAnalyzing, RolloutPhase.StepPaused], groups.Where(g => g.Value.IsStep).Select(g => g.Key));
        Assert.Equal([RolloutPhase.Promoting, RolloutPhase.Finalizing, RolloutPhase.Completed], groups.Where(g => g.Value.IsPromoted).Select(g => g.Key));
    }

    [Fact]
    public void A_status_about_an_earlier_release_says_nothing_about_this_one()
    {
        var status = RolloutStatus.Idle with { Phase = RolloutPhase.Completed, Release = "old" };

        Assert.Null(status.PhaseOf("new"));
        Assert.Equal(RolloutPhase.Completed, status.PhaseOf("old"));
        Assert.Equal(RolloutPhase.Idle, RolloutStatusJson.Read("not json").PhaseOf("new"));
    }
}
