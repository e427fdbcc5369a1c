namespace Greylane.Core.Notifications;

/// <summary>The names of <see cref="NotificationType"/>: short ones for strategies (<c>rolled-back</c>), CloudEvents types for the wire.</summary>
public static class NotificationTypes
{
    /// <summary>The prefix of every CloudEvents <c>type</c> Greylane sends.</summary>
    public const string Prefix = "dev.greylane.release.";

    /// <summary>Every type, in the order a release meets them.</summary>
    public static IReadOnlyList<NotificationType> All { get; } = Enum.GetValues<NotificationType>();

    /// <summary>What a Deployment gets when its strategy says nothing: everything but <c>step-passed</c>, which is chatty.</summary>
    public static IReadOnlySet<NotificationType> Default { get; } = All.Where(t => t != NotificationType.StepPassed).ToHashSet();

    /// <summary>The short name, as <c>notify.on</c> lists it: <c>step-passed</c>.</summary>
    public static string Name(NotificationType type) => type switch
    {
        NotificationType.Started => "started",
        NotificationType.StepPassed => "step-passed",
        NotificationType.Paused => "paused",
        NotificationType.Resumed => "resumed",
        NotificationType.Promoted => "promoted",
        NotificationType.RolledBack => "rolled-back",
        NotificationType.Superseded => "superseded",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    /// <summary>The CloudEvents <c>type</c>: <c>dev.greylane.release.rolled-back</c>.</summary>
    public static string CloudEventType(NotificationType type) => Prefix + Name(type);

    /// <summary>The type named <paramref name="name"/> (short name, exact spelling), if any.</summary>
    public static NotificationType? Parse(string name) => All.Where(t => Name(t) == name).Select(t => (NotificationType?)t).FirstOrDefault();
}
