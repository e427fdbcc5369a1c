namespace Greylane.Core.Rollout;

/// <summary>
/// The one Deployment write that stores a decision: its status, plus the Deployment changes among its actions that can
/// go with it atomically. The command is always cleared in it (so a crash can never apply a command twice); Unpause,
/// Repause and ClearRelease join it while no other side effect comes before them in the actions' order (Events may
/// move after it: they only record). Each folded change saves a write, its admission review, its watch event and the
/// reconcile that event would start, and a crash can no longer fall between the status and the change.
/// </summary>
public sealed record StatusWrite(RolloutStatus Status, bool ClearCommand, bool? Paused, bool ClearRelease, IReadOnlyList<RolloutAction> Rest)
{
    /// <summary>The write changes more than the status annotation.</summary>
    public bool ChangesMoreThanStatus => ClearCommand || Paused is not null || ClearRelease;

    /// <summary>Splits <paramref name="decision"/> into its write and the actions left to run after it, in order.</summary>
    public static StatusWrite Of(Decision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var clearCommand = false;
        bool? paused = null;
        var clearRelease = false;
        var folding = true;
        var rest = new List<RolloutAction>();
        foreach (var action in decision.Actions)
        {
            switch (action)
            {
                case RolloutAction.ClearCommand:
                    clearCommand = true;
                    break;
                case RolloutAction.Unpause when folding:
                    paused = false;
                    break;
                case RolloutAction.Repause when folding:
                    paused = true;
                    break;
                case RolloutAction.ClearRelease when folding:
                    clearRelease = true;
                    break;
                case RolloutAction.Emit or RolloutAction.RequeueAfter:
                    rest.Add(action);
                    break;
                default:
                    folding = false;
                    rest.Add(action);
                    break;
            }
        }

        // Cleared in this very write, so the status may say it was seen cleared (any later release annotation is new).
        var status = clearRelease && decision.Status.Phase.IsAtRest ? decision.Status with { ReleaseCleared = true } : decision.Status;
        return new StatusWrite(status, clearCommand, paused, clearRelease, rest);
    }
}
