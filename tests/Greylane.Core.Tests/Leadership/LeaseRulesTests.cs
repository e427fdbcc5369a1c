using Greylane.Core.Leadership;

namespace Greylane.Core.Leadership.Tests;

public sealed class LeaseRulesTests
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(15);

    [Theory]
    [InlineData(null, 0, true)]
    [InlineData("", 0, true)]
    [InlineData("me", 0, true)]
    [InlineData("other", 14.9, false)]
    [InlineData("other", 15, true)]
    public void A_lease_is_taken_when_free_ours_or_unrenewed_for_its_duration(string? holder, double unchangedSeconds, bool mayTake) =>
        Assert.Equal(mayTake, LeaseRules.MayTake(holder, "me", Duration, TimeSpan.FromSeconds(unchangedSeconds)));

    [Fact]
    public void A_leader_stops_writing_at_its_renew_deadline_well_before_anyone_may_take_over() =>
        Assert.Equal(TimeSpan.FromSeconds(10), LeaseRules.WritableFor(Duration, TimeSpan.FromSeconds(10)));

    [Fact]
    public void A_renew_deadline_not_below_the_lease_duration_still_leaves_a_margin() =>
        Assert.Equal(TimeSpan.FromSeconds(7.5), LeaseRules.WritableFor(Duration, Duration));
}
