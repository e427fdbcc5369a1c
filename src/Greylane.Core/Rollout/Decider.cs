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

    private readonly Observation _facts;
    private readonly RolloutStatus _input;
    private readonly RolloutStrategy _strategy;
    private readonly DateTimeOffset _now;
    private readonly StateMachine<RolloutPhase, RolloutTrigger> _machine;
    private readonly List<RolloutAction> _events = [];
    private readonly List<ReleaseTransition> _transitions = [];
    private RolloutStatus _current;
    private Guards _guards;
    private bool _commandPending;

    public Decider(Observation facts, RolloutStatus status, RolloutStrategy strategy, DateTimeOffset now)
    {
        _facts = facts;
        _input = status;
        _strategy = strategy;
        _now = now;
        _current = MeasurementLedger.Fold(status, facts.Measurements, now);
        _guards = Guards.Compute(facts, _input, _current, strategy, now);
        _commandPending = facts.Command is not null;
        _machine = new StateMachine<RolloutPhase, RolloutTrigger>(() => _current.Phase, phase => _current = _current with { Phase = phase });
        Configure();
        _machine.OnTransitioned(OnTransitioned);
    }

    /// <summary>The machine's static shape (guards are not evaluated), for the diagram.</summary>
    public Stateless.Reflection.StateMachineInfo Info => _machine.GetInfo();

    public async Task<Decision> RunAsync()
    {
        var firings = 0;
        while (Next() is { } trigger)
        {
            if (++firings > MaxFirings)
            {
                return Finish(bounded: true);
            }

            await _machine.FireAsync(trigger).ConfigureAwait(false);
            _guards = Guards.Compute(_facts, _input, _current, _strategy, _now);
        }

        return Finish(bounded: false);
    }

    private RolloutTrigger? Next()
    {
        foreach (var trigger in ObservedFirst)
        {
            if (MayFire(trigger) && _machine.CanFire(trigger))
            {
                return trigger;
            }
        }

        // A command is read once per decision, after release changes, so that it applies to the release now current.
        if (_commandPending)
        {
            _commandPending = false;
            if (Command() is { } command)
            {
                return command;
            }
        }

        foreach (var trigger in ObservedThen)
        {
            if (MayFire(trigger) && _machine.CanFire(trigger))
            {
                return trigger;
            }
        }

        return null;
    }

    /// <summary>A cheap pre-check (the trigger's guard could hold) that spares Stateless' costlier <c>CanFire</c>.</summary>
    private bool MayFire(RolloutTrigger trigger) => trigger switch
    {
        RolloutTrigger.DeploymentDeleted => _guards.Deleted,
        RolloutTrigger.Superseded => _guards.Superseding,
        RolloutTrigger.RevertedToStable => _guards.Reverted,
        RolloutTrigger.ReleaseDetected => _guards.NewRelease,
        RolloutTrigger.MeasurementFailed => _guards.FailedBeyondLimit,
        RolloutTrigger.MeasurementInconclusive => _guards.InconclusiveBeyondLimit,
        RolloutTrigger.DeadlineExceeded => _guards.DeadlineExceeded,
        RolloutTrigger.RoutingRestored => _guards.RestoredNow,
        RolloutTrigger.Initialized => _guards.Initialized,
        RolloutTrigger.CanaryReady => _guards.CanaryReady,
        RolloutTrigger.CanaryLost => _guards.CanaryLost,
        RolloutTrigger.RoutingApplied => _guards.RoutingAppliedNow,
        RolloutTrigger.GraceElapsed => _guards.GraceElapsed,
        RolloutTrigger.StepPassed => _guards.StepPassed,
        RolloutTrigger.MeasurementPassed => _guards.PassWhileHeld,
        RolloutTrigger.PauseElapsed => _guards.PauseOver,
        RolloutTrigger.PromotionRolledOut => _guards.RolledOut,
        RolloutTrigger.Finalized or RolloutTrigger.CanaryDeleted => _guards.CleanedUp,
        _ => true,
    };

    private RolloutTrigger? Command()
    {
        var text = _facts.Command!.Trim();
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

        if (!_machine.CanFire(trigger.Value))
        {
            Warn("CommandIgnored", $"command '{text}' ignored in phase {_current.Phase}: {WhyRefused(trigger.Value)}");
            return null;
        }

        return trigger;
    }

    private string WhyRefused(RolloutTrigger command) => (command, _current.Phase) switch
    {
        (RolloutTrigger.Retry, RolloutPhase.RolledBack) => "the rolled-back template is no longer the Deployment's template",
        (RolloutTrigger.Retry, _) => "only a rolled-back release can be retried",
        (RolloutTrigger.Resume, _) => "nothing is paused or held",
        (_, { IsAtRest: true }) => "no release is in progress",
        _ => "it does not apply in this phase",
    };

    private void Warn(string reason, string message) =>
        _events.Add(new RolloutAction.Emit(reason, message, EventType.Warning));
}
