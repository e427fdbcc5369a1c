using Greylane.Core.Rollout;

namespace Greylane.Core.Admission;

/// <summary>Where the stored (old) Deployment stands, read from its annotations.</summary>
internal sealed record ReleaseState(ReleaseStage Stage, string? Release, string? Stable, RolloutPhase? Phase)
{
    public static ReleaseState None { get; } = new(ReleaseStage.None, null, null, null);

    /// <summary>
    /// A release is in progress while <c>greylane.dev/release</c> is set; the controller clears it on completion, and a
    /// status that says <c>Completed</c> for this very release means the same.
    /// </summary>
    public static ReleaseState Of(DeploymentView? stored)
    {
        if (stored?.Annotation(GreylaneKeys.Release) is not { Length: > 0 } release)
        {
            return None;
        }

        var phase = RolloutStatusJson.Read(stored.Annotation(GreylaneKeys.Status)).PhaseOf(release);
        var stage = phase switch
        {
            RolloutPhase.Completed => ReleaseStage.None,
            RolloutPhase.RolledBack => ReleaseStage.RolledBack,
            _ => ReleaseStage.InProgress,
        };
        return stage == ReleaseStage.None ? None : new(stage, release, stored.Annotation(GreylaneKeys.Stable), phase);
    }
}

/// <summary>The coarse stage of a release as admission sees it.</summary>
internal enum ReleaseStage
{
    /// <summary>No release, or the last one completed.</summary>
    None,

    /// <summary>Held, stepping or promoting.</summary>
    InProgress,

    /// <summary>Aborted or failed: routing restored, canary gone, the Deployment still paused on the rejected template.</summary>
    RolledBack,
}
