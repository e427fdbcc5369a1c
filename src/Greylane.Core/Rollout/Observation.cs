namespace Greylane.Core.Rollout;

/// <summary>
/// The facts the controller reads before each decision. Each comes from one read: the Deployment
/// (annotations, spec, status, deletion), one list of canary ReplicaSets, one routing check, and the
/// measurements the controller took since the last decision.
/// </summary>
public sealed record Observation
{
    /// <summary>Annotation <c>greylane.dev/release</c> (null when absent).</summary>
    public string? Release { get; init; }

    /// <summary>Annotation <c>greylane.dev/stable</c> (null when absent).</summary>
    public string? Stable { get; init; }

    /// <summary>The Deployment's current template hashes to <see cref="Stable"/>: the user reverted.</summary>
    public bool TemplateIsStable { get; init; }

    /// <summary>The Deployment's <c>spec.replicas</c>; canary sizes resolve against it.</summary>
    public int DesiredReplicas { get; init; } = 1;

    /// <summary>The Deployment's <c>spec.paused</c>.</summary>
    public bool Paused { get; init; }

    /// <summary>The Deployment is gone (or has a deletion timestamp).</summary>
    public bool Deleted { get; init; }

    /// <summary>Annotation <c>greylane.dev/command</c>, if present.</summary>
    public string? Command { get; init; }

    /// <summary>Every canary ReplicaSet the Deployment owns (one list by owner and release label).</summary>
    public IReadOnlyList<CanaryObservation> Canaries { get; init; } = [];

    /// <summary>
    /// The routing of step <see cref="RolloutStatus.Step"/> (of the status as read) is in place. Routes are computed from
    /// the saved original, so for a step without matches or weight this means "the original routing is in place".
    /// </summary>
    public bool RoutingApplied { get; init; }

    /// <summary>Every routing object is back to its saved original (true when Greylane changed nothing).</summary>
    public bool RoutingRestored { get; init; } = true;

    /// <summary>In host mode: the stable Service is still pinned to the stable pods (it carries Greylane's origin annotation).</summary>
    public bool StablePinned { get; init; }

    /// <summary>Why the canary's pods are not ready, as the pods say (e.g. <c>ImagePullBackOff</c>), for the deadline message.</summary>
    public string? CanaryProblem { get; init; }

    /// <summary>The Deployment's own rolling update is complete (false while it is paused).</summary>
    public bool RolloutComplete { get; init; }

    /// <summary>Measurements taken since the last decision; ones already counted are ignored.</summary>
    public IReadOnlyList<Measurement> Measurements { get; init; } = [];
}
