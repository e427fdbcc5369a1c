namespace Greylane.Core.Rollout;

/// <summary>What moves the step machine: facts the controller observed, and user commands.</summary>
public enum RolloutTrigger
{
    /// <summary>The Deployment carries a release annotation the machine has not worked on.</summary>
    ReleaseDetected,

    /// <summary>A newer template arrived while a release was in progress.</summary>
    Superseded,

    /// <summary>The template was reverted to the stable one (or the release annotation removed) mid-release.</summary>
    RevertedToStable,

    /// <summary>The Deployment was deleted mid-release.</summary>
    DeploymentDeleted,

    /// <summary>Routing and canaries of earlier releases are gone; step 1 can start.</summary>
    Initialized,

    /// <summary>The canary has at least the step's number of available pods.</summary>
    CanaryReady,

    /// <summary>
    /// The canary has fewer available pods than the routing in force sends traffic for: routing goes back to stable until
    /// the canary is ready again.
    /// </summary>
    CanaryLost,

    /// <summary>The step's routing is in place (the grace period starts).</summary>
    RoutingApplied,

    /// <summary>The grace period after a routing change is over.</summary>
    GraceElapsed,

    /// <summary>A passing measurement arrived while the step was held for a human.</summary>
    MeasurementPassed,

    /// <summary>A metric failed more often than its <c>failureLimit</c>.</summary>
    MeasurementFailed,

    /// <summary>A metric was inconclusive more often than its <c>inconclusiveLimit</c>.</summary>
    MeasurementInconclusive,

    /// <summary>Every metric the step names reached its passing count.</summary>
    StepPassed,

    /// <summary>The step's pause is over (a duration elapsed, or there was none).</summary>
    PauseElapsed,

    /// <summary>A waiting state outlived <c>progressDeadline</c>.</summary>
    DeadlineExceeded,

    /// <summary>The Deployment's own rolling update completed.</summary>
    PromotionRolledOut,

    /// <summary>The original routing is back (the grace period starts).</summary>
    RoutingRestored,

    /// <summary>Rollback: the canary is gone.</summary>
    CanaryDeleted,

    /// <summary>Promotion: the canary is gone.</summary>
    Finalized,

    /// <summary>Command <c>promote</c>: skip the current wait, go to the next step.</summary>
    Promote,

    /// <summary>Command <c>promote-full</c>: skip the remaining steps, promote.</summary>
    PromoteFull,

    /// <summary>Command <c>abort</c>: roll back.</summary>
    Abort,

    /// <summary>Command <c>pause</c>: hold wherever the release is.</summary>
    Pause,

    /// <summary>Command <c>resume</c>: undo <c>pause</c>, or resume analysis held for a human.</summary>
    Resume,

    /// <summary>Command <c>retry</c>: restart a rolled-back release at step 1.</summary>
    Retry,
}
