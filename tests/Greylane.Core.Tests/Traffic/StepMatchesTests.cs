using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class StepMatchesTests
{
    private static readonly LaneSpec Lane = new("my-request-id", "canary", null);

    [Fact]
    public void The_lane_header_comes_first_and_a_step_match_equal_to_it_is_left_out()
    {
        var step = Objects.Step(null, Objects.Header("beta", "yes"), Objects.Header("my-request-id", "canary"), Objects.Header("my-request-id", "canary", MatchKind.Prefix));

        var matches = StepMatches.Of(step, Lane);

        Assert.Equal(3, matches.Count);
        Assert.Equal(new StringMatchSpec("my-request-id", "canary"), Assert.Single(matches[0].Headers));
        Assert.Equal("beta", matches[1].Headers[0].Name);
        Assert.Equal(MatchKind.Prefix, matches[2].Headers[0].Kind);
    }

    [Fact]
    public void A_step_without_matches_gets_no_lane_match()
    {
        Assert.Empty(StepMatches.Of(Objects.Step(weight: 20), Lane));
    }

    [Fact]
    public void Without_a_lane_the_steps_own_matches_are_kept_as_written()
    {
        var step = Objects.Step(null, Objects.Header("beta", "yes"), Objects.Header("beta", "yes"));

        Assert.Equal(2, StepMatches.Of(step, null).Count);
    }

    [Fact]
    public void The_routes_and_the_text_of_the_cli_come_from_the_same_list()
    {
        var step = Objects.Step(null, Objects.Header("my-request-id", "canary"), Objects.Header("beta", "yes"));

        Assert.Equal(StepMatches.Of(step, Lane).Count, HttpMatches.ForStep(step, Lane).Count);
    }
}
