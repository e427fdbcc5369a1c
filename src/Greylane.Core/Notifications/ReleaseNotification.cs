namespace Greylane.Core.Notifications;

/// <summary>
/// One notification about one transition of a release, before it is written as a CloudEvent or a Slack message.
/// <paramref name="Id"/> is stable per transition (see <see cref="ReleaseNotifications"/>), so a receiver can drop retries.
/// <paramref name="Step"/> counts from 1 (0 before the first step); <paramref name="Reason"/> says why a release was
/// rolled back (<c>analysis</c>, <c>deadline</c>, <c>abort</c>, <c>revert</c>, <c>deleted</c>), paused (<c>step</c>,
/// <c>command</c>, <c>inconclusive</c>, <c>query-rejected</c>) or resumed (<c>command</c>, <c>analysis</c>).
/// </summary>
public sealed record ReleaseNotification(
    string Id,
    NotificationType Type,
    string Namespace,
    string Deployment,
    string Release,
    string? Stable,
    string Phase,
    int Step,
    int Steps,
    string Message,
    string? Reason,
    DateTimeOffset Time,
    IReadOnlyList<MetricValue> Metrics)
{
    /// <summary>The CloudEvents <c>source</c>: <c>/namespaces/NS/deployments/NAME</c>.</summary>
    public string Source => $"/namespaces/{Namespace}/deployments/{Deployment}";

    /// <summary>The CloudEvents <c>subject</c>: the release (template hash) it is about.</summary>
    public string Subject => Release;

    /// <summary>The CloudEvents <c>type</c>.</summary>
    public string CloudEventType => NotificationTypes.CloudEventType(Type);
}
