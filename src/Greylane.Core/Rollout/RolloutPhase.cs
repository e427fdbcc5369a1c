namespace Greylane.Core.Rollout;

/// <summary>The states of a release; the names are part of the <c>greylane.dev/status</c> contract.</summary>
public enum RolloutPhase
{
    /// <summary>No release has been seen.</summary>
    Idle,

    /// <summary>A release was detected; routing and canaries of any earlier release are being cleaned up.</summary>
    Initializing,

    /// <summary>The canary ReplicaSet is being scaled to the step's size and awaited.</summary>
    StepScaling,

    /// <summary>The step's routing is being applied, then the grace period waited out.</summary>
    StepRouting,

    /// <summary>The step's metrics are being measured.</summary>
    StepAnalyzing,

    /// <summary>The step waits: a timed or manual pause, or a hold for a human after inconclusive analysis.</summary>
    StepPaused,

    /// <summary>The Deployment is unpaused and finishes its own rolling update.</summary>
    Promoting,

    /// <summary>After promotion: routing restored, grace period, canary deleted.</summary>
    Finalizing,

    /// <summary>The release was promoted and cleaned up.</summary>
    Completed,

    /// <summary>Rolling back: routing restored, grace period, canary deleted.</summary>
    Aborting,

    /// <summary>The release was rolled back; the Deployment stays paused on its new template.</summary>
    RolledBack,
}
