namespace Greylane.Core.Notifications;

/// <summary>What a release notification says happened; see <see cref="NotificationTypes"/> for the names on the wire.</summary>
public enum NotificationType
{
    /// <summary>A release was detected (or retried) and begins.</summary>
    Started,

    /// <summary>A step is done and the release moves on (to the next step, or to promotion).</summary>
    StepPassed,

    /// <summary>The release waits for a person: a manual step, the <c>pause</c> command, or analysis held (inconclusive, or a query refused).</summary>
    Paused,

    /// <summary>A pause or hold ended (<c>resume</c>, or a passing measurement while held).</summary>
    Resumed,

    /// <summary>The release was promoted and cleaned up (phase <c>Completed</c>).</summary>
    Promoted,

    /// <summary>The release is being rolled back; the reason is analysis, deadline, abort, revert or deleted.</summary>
    RolledBack,

    /// <summary>A newer template replaced the release before it ended.</summary>
    Superseded,
}
