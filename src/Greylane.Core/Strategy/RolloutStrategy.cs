namespace Greylane.Core.Strategy;

/// <summary>The release plan of one Deployment, read from <c>greylane.dev/strategy</c> (and its ConfigMap).</summary>
public sealed record RolloutStrategy(
    IReadOnlyDictionary<string, string> CanaryLabels,
    TrafficSpec Traffic,
    IReadOnlyList<StepSpec> Steps,
    AnalysisSpec Analysis,
    TimeSpan ProgressDeadline)
{
    /// <summary>The labels added to canary pods when a strategy names none.</summary>
    public static readonly IReadOnlyDictionary<string, string> DefaultCanaryLabels =
        new Dictionary<string, string> { ["greylane.dev/track"] = "canary" };

    /// <summary>The one-annotation case: one canary pod, a manual pause, then promotion.</summary>
    public static RolloutStrategy Default { get; } = new(
        DefaultCanaryLabels,
        TrafficSpec.None,
        [new StepSpec(ReplicaCount.Of(1), Weight: null, Matches: [], PauseSpec.Manual, Analysis: [])],
        AnalysisSpec.None,
        TimeSpan.FromMinutes(10));

    /// <summary>Which notifications the Deployment sends (<c>notify.on</c>); never where they go.</summary>
    public Notifications.NotifySpec Notify { get; init; } = Notifications.NotifySpec.Default;

    /// <summary>
    /// True when some step changes routing or the lane is dyed. Otherwise Greylane never reads (nor refuses) the routing
    /// objects: a Deployment opted in with the default strategy needs no Istio, no Service and no RBAC on Istio objects.
    /// </summary>
    public bool SteersTraffic => Steps.Any(s => s.ChangesRouting) || Traffic.Lane?.Dye is not null;
}
