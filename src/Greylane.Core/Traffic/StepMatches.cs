using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>The request matches a step sends to the canary: the one rule routing, <c>status</c> and <c>plan</c> all show.</summary>
public static class StepMatches
{
    /// <summary>
    /// The lane's header (an exact match) first when the step has matches of its own, then the step's own in order,
    /// leaving out one that matches what the lane's does (as Istio reads it). A weight-only step gets no lane match.
    /// </summary>
    public static IReadOnlyList<MatchSpec> Of(StepSpec step, LaneSpec? lane)
    {
        ArgumentNullException.ThrowIfNull(step);
        if (lane is null || step.Matches.Count == 0)
        {
            return step.Matches;
        }

        var laneMatch = new MatchSpec([new StringMatchSpec(lane.Header, lane.Value)], [], null);
        var laneRequest = HttpMatches.From(laneMatch);
        return [laneMatch, .. step.Matches.Where(m => !Json.Same(HttpMatches.From(m), laneRequest))];
    }
}
