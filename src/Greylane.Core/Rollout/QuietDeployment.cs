namespace Greylane.Core.Rollout;

/// <summary>
/// When nothing can happen to an opted-in Deployment: no release annotation, no command, and a status at rest. The
/// controller skips every read for such a Deployment and keeps only its name and phase in memory. (One opted out
/// mid-release is not quiet: the webhook removed its release, and the machine cleans up.)
/// </summary>
public static class QuietDeployment
{
    /// <summary>True when a Deployment with these annotations has nothing to do.</summary>
    public static bool Is(string? release, string? command, RolloutStatus status) =>
        release is null && command is null && status.Phase.IsAtRest;
}
