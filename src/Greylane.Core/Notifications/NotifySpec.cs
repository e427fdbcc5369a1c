namespace Greylane.Core.Notifications;

/// <summary>
/// The strategy's <c>notify</c> field: which notifications this Deployment sends. It only narrows what is sent; where it
/// goes is the operator's setting, never the strategy's.
/// </summary>
public sealed record NotifySpec(IReadOnlySet<NotificationType> On)
{
    /// <summary>No <c>notify</c> field: everything but <c>step-passed</c>.</summary>
    public static NotifySpec Default { get; } = new(NotificationTypes.Default);

    /// <summary>True when notifications of <paramref name="type"/> are sent.</summary>
    public bool Sends(NotificationType type) => On.Contains(type);
}
