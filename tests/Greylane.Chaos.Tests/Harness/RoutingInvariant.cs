namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// "Routing matches the status", with the tolerance transitions need. Greylane stores a phase first and acts after,
/// so while a phase's action runs, the routing of the phase before is still (or already) there:
/// <list type="bullet">
/// <item>Idle, Completed, RolledBack: the original routing and no canary subset, once the phase has been stored for
/// <see cref="Settle"/> (far longer than one reconcile; before that, anything).</item>
/// <item>Initializing: anything (it restores what an earlier release left).</item>
/// <item>StepScaling k: the original or step k−1's (the canary grows before routing changes).</item>
/// <item>StepRouting k: step k−1's, step k's, or the original.</item>
/// <item>StepAnalyzing, StepPaused k: step k's, or the original (a canary without ready pods may lose its traffic).</item>
/// <item>Promoting, Finalizing, Aborting (at step k): step k's, step k−1's (entered before step k's routing was
/// applied), or the original (restored, or being restored).</item>
/// </list>
/// Always: a VirtualService that sends traffic to the canary subset needs the DestinationRule to define it
/// (Greylane adds the subset before the routes and removes it after them).
/// </summary>
internal static class RoutingInvariant
{
    /// <summary>How long a phase at rest may keep the routing of the phase before it.</summary>
    public static readonly TimeSpan Settle = TimeSpan.FromSeconds(2);

    /// <summary>The routings allowed now, or null for "anything".</summary>
    public static IReadOnlyList<Traffic>? Allowed(ReleasePlan plan, StatusWrite status, TimeSpan storedFor)
    {
        var k = status.Step;
        return status.Phase switch
        {
            "Idle" or "Completed" or "RolledBack" => storedFor < Settle ? null : [Traffic.Original],
            "Initializing" => null,
            "StepScaling" => [Traffic.Original, plan.Expected(k - 1)],
            "StepRouting" => [plan.Expected(k - 1), plan.Expected(k), Traffic.Original],
            "StepAnalyzing" or "StepPaused" => [plan.Expected(k), Traffic.Original],
            "Promoting" or "Finalizing" or "Aborting" => [plan.Expected(k), plan.Expected(k - 1), Traffic.Original],
            _ => null,
        };
    }

    /// <summary>What is wrong with <paramref name="routing"/> under <paramref name="status"/>, or null.</summary>
    public static string? Check(ReleasePlan plan, StatusWrite status, TimeSpan storedFor, RoutingView routing)
    {
        if (routing.Traffic.ReachesCanary && !routing.CanarySubset)
        {
            return $"the VirtualService sends {routing.Traffic} to subset '{RoutingView.CanarySubsetName}', which the DestinationRule does not define";
        }

        var allowed = Allowed(plan, status, storedFor);
        if (allowed is null)
        {
            return null;
        }

        if (!allowed.Contains(routing.Traffic))
        {
            return $"routing {routing.Traffic} under status {status} (stored {storedFor.TotalSeconds:0.00}s); allowed: {string.Join(", ", allowed.Distinct())}";
        }

        return status.AtRest && routing.CanarySubset
            ? $"the DestinationRule still defines subset '{RoutingView.CanarySubsetName}' under status {status} (stored {storedFor.TotalSeconds:0.00}s)"
            : null;
    }
}
