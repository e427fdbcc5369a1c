using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using static Greylane.Core.Rollout.RolloutPhase;
using T = Greylane.Core.Rollout.RolloutTrigger;

namespace Greylane.Core.Notifications;

/// <summary>
/// Which transitions of a decision are worth telling people about, as <see cref="ReleaseNotification"/>s, narrowed by the
/// strategy's <c>notify.on</c>. Pure: the controller calls it with the decision it has just persisted.
/// </summary>
public static class ReleaseNotifications
{
    /// <summary>
    /// The notifications of <paramref name="decision"/> for Deployment <paramref name="namespace"/>/<paramref name="deployment"/>.
    /// Each id is a hash of the Deployment, the release, the transition's time (the decision's, stored in the status
    /// history), its ordinal within the decision, its trigger and the notification type: the same transition always gets
    /// the same id, whichever replica sends it and however often it is retried.
    /// </summary>
    public static IReadOnlyList<ReleaseNotification> From(string @namespace, string deployment, Decision decision, RolloutStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(decision);
        ArgumentNullException.ThrowIfNull(strategy);
        var notifications = new List<ReleaseNotification>();
        foreach (var transition in decision.Transitions)
        {
            foreach (var (type, reason) in Classify(transition, strategy))
            {
                if (strategy.Notify.Sends(type))
                {
                    notifications.Add(Build(@namespace, deployment, transition, type, reason, strategy));
                }
            }
        }

        return notifications;
    }

    /// <summary>What one transition means to people: none, one, or (a supersede) two notifications.</summary>
    public static IEnumerable<(NotificationType Type, string? Reason)> Classify(ReleaseTransition transition, RolloutStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(transition);
        ArgumentNullException.ThrowIfNull(strategy);
        var (to, after) = (transition.To, transition.After);
        switch (transition.Trigger)
        {
            case T.ReleaseDetected or T.Retry:
                yield return (NotificationType.Started, null);
                break;
            case T.Superseded:
                yield return (NotificationType.Superseded, null);
                yield return (NotificationType.Started, null);
                break;
            case T.MeasurementFailed:
                yield return (NotificationType.RolledBack, "analysis");
                break;
            case T.DeadlineExceeded when to == Aborting && transition.From != Aborting:
                yield return (NotificationType.RolledBack, "deadline");
                break;
            case T.Abort when to == Aborting && transition.From != Aborting:
                yield return (NotificationType.RolledBack, "abort");
                break;
            case T.RevertedToStable:
                yield return (NotificationType.RolledBack, "revert");
                break;
            case T.DeploymentDeleted:
                yield return (NotificationType.RolledBack, "deleted");
                break;
            case T.MeasurementInconclusive:
                yield return (NotificationType.Paused, transition.Before.Metrics.Any(m => m.QueryRejected) ? "query-rejected" : "inconclusive");
                break;
            case T.Pause:
                yield return (NotificationType.Paused, "command");
                break;
            case T.Resume:
                yield return (NotificationType.Resumed, "command");
                break;
            case T.MeasurementPassed:
                yield return (NotificationType.Resumed, "analysis");
                break;
            case T.PauseElapsed or T.Promote or T.PromoteFull:
                yield return (NotificationType.StepPassed, transition.Trigger == T.PauseElapsed ? null : "command");
                break;
            case T.Finalized:
                yield return (NotificationType.Promoted, null);
                break;
        }

        // A step that waits for promote waits for a person, as much as a pause command does.
        if (to == StepPaused && transition.From != StepPaused && !after.Held && !after.PausedByUser
            && StepView.Of(strategy, after.Step).Pause.IsManual)
        {
            yield return (NotificationType.Paused, "step");
        }
    }

    private static ReleaseNotification Build(string @namespace, string deployment, ReleaseTransition transition, NotificationType type, string? reason, RolloutStrategy strategy)
    {
        var (before, after) = (transition.Before, transition.After);

        // A supersede is about the release it ended; a step passed is about the step it left.
        var subject = type == NotificationType.Superseded ? before : after;
        var step = type is NotificationType.StepPassed or NotificationType.Superseded ? before.Step : after.Step;
        var release = subject.Release ?? after.Release ?? "";
        var time = after.History.Count > 0 ? after.History[^1].Time : after.Since ?? DateTimeOffset.UnixEpoch;
        var metrics = type == NotificationType.Started ? [] : (after.Metrics.Count > 0 ? after.Metrics : before.Metrics);
        var id = Id(@namespace, deployment, release, time, transition, type);
        return new ReleaseNotification(
            id,
            type,
            @namespace,
            deployment,
            release,
            subject.Stable,
            transition.To.ToString(),
            type == NotificationType.Started ? 0 : step + 1,
            strategy.Steps.Count,
            transition.Message,
            reason,
            time,
            [.. metrics.Select(m => new MetricValue(m.Name, m.LastValue, m.Last?.ToString(), m.Passed, m.Failed, m.Inconclusive, m.LastMessage))]);
    }

    private static string Id(string @namespace, string deployment, string release, DateTimeOffset time, ReleaseTransition transition, NotificationType type)
    {
        var key = string.Create(CultureInfo.InvariantCulture,
            $"{@namespace}/{deployment}/{release}/{time.ToUnixTimeMilliseconds()}/{transition.Ordinal}/{transition.Trigger}/{NotificationTypes.Name(type)}");
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)).AsSpan(0, 16));
    }
}
