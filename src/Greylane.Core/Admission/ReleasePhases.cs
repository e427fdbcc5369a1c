namespace Greylane.Core.Admission;

/// <summary>The status phases (written by the controller) that admission tells apart.</summary>
internal static class ReleasePhases
{
    public const string Promoting = "Promoting";
    public const string Finalizing = "Finalizing";
    public const string Completed = "Completed";
    public const string RolledBack = "RolledBack";

    /// <summary>Phases in which the controller itself has unpaused the Deployment to let its rolling update finish.</summary>
    public static bool IsHandedBack(string? phase) => phase is Promoting or Finalizing or Completed;

    /// <summary>Phases after which the controller has nothing left to clean up.</summary>
    public static bool IsAtRest(string? phase) => phase is null or "Idle" or Completed or RolledBack;
}
