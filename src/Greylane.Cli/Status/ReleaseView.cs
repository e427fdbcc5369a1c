using Greylane.Core.Rollout;

namespace Greylane.Cli.Status;

/// <summary>Everything <c>status</c> shows about one Deployment's release.</summary>
internal sealed record ReleaseView(
    string Namespace,
    string Deployment,
    bool OptedIn,
    RolloutStatus Status,
    int Steps,
    ReplicaCounts Canary,
    ReplicaCounts Stable,
    RoutingView Routing,
    IReadOnlyList<MetricRow> Metrics,
    string? PendingCommand,
    IReadOnlyList<string> StrategyErrors,
    IReadOnlyList<string>? GatewayRoutes = null)
{
    /// <summary>Steps of a release are counted from 1 for people.</summary>
    public int StepNumber => Status.Phase switch
    {
        RolloutPhase.Idle => 0,
        { IsPromoted: true } => Steps,
        _ => Math.Min(Status.Step + 1, Math.Max(Steps, 1)),
    };

    /// <summary>Steps finished: the current one is not yet, every one is once promotion starts.</summary>
    public int StepsDone => Status.Phase switch
    {
        RolloutPhase.Idle => 0,
        { IsPromoted: true } => Steps,
        RolloutPhase.StepPaused when !Status.Held => Math.Min(Status.Step + 1, Steps),
        _ => Math.Min(Status.Step, Steps),
    };
}
