using Greylane.Core.Strategy;
using Stateless;

namespace Greylane.Core.Rollout;

/// <summary>
/// One decision: a Stateless machine built over the status (external state), fired with the triggers the
/// facts allow, in priority order, until none is permitted (bounded).
/// </summary>
internal sealed partial class Decider
{
    /// <summary>Enough for a vacuous strategy to run through all its steps; more means requeue at once.</summary>
    private const int MaxFirings = 32;

    private static readonly RolloutTrigger[] ObservedFirst =
        [RolloutTrigger.DeploymentDeleted, RolloutTrigger.Superseded, RolloutTrigger.RevertedToStable, RolloutTrigger.ReleaseDetected];

    private static readonly RolloutTrigger[] ObservedThen =
    [
        RolloutTrigger.CanaryLost, RolloutTrigger.MeasurementFailed, RolloutTrigger.MeasurementInconclusive, RolloutTrigger.DeadlineExceeded,
        RolloutTrigger.RoutingRestored, RolloutTrigger.Initialized, RolloutTrigger.CanaryReady, RolloutTrigger.RoutingApplied,
        RolloutTrigger.GraceElapsed, RolloutTrigger.StepPassed, RolloutTrigger.MeasurementPassed, RolloutTrigger.PauseElapsed,
        RolloutTrigger.PromotionRolledOut, RolloutTrigger.Finalized, RolloutTrigger.CanaryDeleted,
    ];

    private readonly Observation facts;
    private readonly RolloutStatus input;
    private readonly RolloutStrategy strategy;
    private readonly DateTimeOffset now;
    private readonly StateMachine<RolloutPhase, RolloutTrigger> machine;
    private readonly List<RolloutAction> events = [];
    private RolloutStatus current;
    private Guards guards;
    private bool commandPending;

    public Decider(Observation facts, RolloutStatus status, RolloutStrategy strategy, DateTimeOffset now)
    {
        this.facts = facts;
        input = status;
        this.strategy = strategy;
        this.now = now;
        current = MeasurementLedger.Fold(status, facts.Measurements, now);
        guards = Guards.Compute(facts, input, current, strategy, now);
        commandPending = facts.Command is not null;
        machine = new StateMachine<RolloutPhase, RolloutTrigger>(() => current.Phase, phase => current = current with { Phase = phase });
        Configure();
        machine.OnTransitioned(OnTransitioned);
    }

    /// <summary>The machine's static shape (guards are not evaluated), for the diagram.</summary>
    public Stateless.Reflection.StateMachineInfo Info => machine.GetInfo();

    public async Task<Decision> RunAsync()
    {
        var firings = 0;
        while (Next() is { } trigger)
        {
            if (++firings > MaxFirings)
            {
                return Finish(bounded: true);
            }

            await machine.FireAsync(trigger).ConfigureAwait(false);
            guards = Guards.Compute(facts, input, current, strategy, now);
        }

        return Finish(bounded: false);
    }

    private RolloutTrigger? Next()
    {
        foreach (var trigger in ObservedFirst)
        {
            if (MayFire(trigger) && machine.CanFire(trigger))
            {
                return trigger;
            }
        }

        // A command is read once per decision, after release changes, so that it applies to the release now current.
        if (commandPending)
        {
            commandPending = false;
            if (Command() is { } command)
            {
                return command;
            }
        }

        foreach (var trigger in ObservedThen)
        {
            if (MayFire(trigger) && machine.CanFire(trigger))
            {
                return trigger;
            }
        }

        return null;
    }

    /// <summary>A cheap pre-check (the trigger's guard could hold) that spares Stateless' costlier <c>CanFire</c>.</summary>
    private bool MayFire(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.DeploymentDeleted => guards.Deleted,
        RolloutTrigger.Superseded => guards.Superseding,
        RolloutTrigger.RevertedToStable => guards.Reverted,
        RolloutTrigger.ReleaseDetected => guards.NewRelease,
        RolloutTrigger.MeasurementFailed => guards.FailedBeyondLimit,
        RolloutTrigger.MeasurementInconclusive => guards.InconclusiveBeyondLimit,
        RolloutTrigger.DeadlineExceeded => guards.DeadlineExceeded,
        RolloutTrigger.RoutingRestored => guards.RestoredNow,
        RolloutTrigger.Initialized => guards.Initialized,
        RolloutTrigger.CanaryReady => guards.CanaryReady,
        RolloutTrigger.CanaryLost => guards.CanaryLost,
        RolloutTrigger.RoutingApplied => guards.RoutingAppliedNow,
        RolloutTrigger.GraceElapsed => guards.GraceElapsed,
        RolloutTrigger.StepPassed => guards.StepPassed,
        RolloutTrigger.MeasurementPassed => guards.PassWhileHeld,
        RolloutTrigger.PauseElapsed => guards.PauseOver,
        RolloutTrigger.PromotionRolledOut => guards.RolledOut,
        RolloutTrigger.Finalized or RolloutTrigger.CanaryDeleted => guards.CleanedUp,
        _ => true,
    };

    private RolloutTrigger? Command()
    {
        var text = facts.Command!.Trim();
        RolloutTrigger? trigger = text.ToUpperInvariant() switch
        {
            "PROMOTE" => RolloutTrigger.Promote,
            "PROMOTE-FULL" => RolloutTrigger.PromoteFull,
            "ABORT" => RolloutTrigger.Abort,
            "PAUSE" => RolloutTrigger.Pause,
            "RESUME" => RolloutTrigger.Resume,
            "RETRY" => RolloutTrigger.Retry,
            _ => null,
        };
        if (trigger is null)
        {
            Warn("UnknownCommand", $"unknown command '{text}' in {GreylaneKeys.Command}: use promote, promote-full, abort, pause, resume or retry");
            return null;
        }

        if (!machine.CanFire(trigger.Value))
        {
            Warn("CommandIgnored", $"command '{text}' ignored in phase {current.Phase}: {WhyRefused(trigger.Value)}");
            return null;
        }

        return trigger;
    }

    private string WhyRefused(RolloutTrigger command) => (command, current.Phase) switch
    {
        (RolloutTrigger.Retry, RolloutPhase.RolledBack) => "the rolled-back template is no longer the Deployment's template",
        (RolloutTrigger.Retry, _) => "only a rolled-back release can be retried",
        (RolloutTrigger.Resume, _) => "nothing is paused or held",
        (_, { IsAtRest: true }) => "no release is in progress",
        _ => "it does not apply in this phase",
    };

    private void Warn(string reason, string message) =>
        events.Add(new RolloutAction.Emit(reason, message, EventType.Warning));
}
