using System.Globalization;
using Stateless;
using static Greylane.Core.Rollout.RolloutPhase;
using T = Greylane.Core.Rollout.RolloutTrigger;

namespace Greylane.Core.Rollout;

/// <content>Sentences for Events and the status message: what happened and what the release waits for next.</content>
internal sealed partial class Decider
{
    private string Describe(StateMachine<RolloutPhase, T>.Transition t, RolloutStatus before)
    {
        var step = StepView.Label(_strategy, _current.Step);
        var stepBefore = StepView.Label(_strategy, before.Step);
        return t.Trigger switch
        {
            T.ReleaseDetected => $"release {_current.Release} detected (stable {_current.Stable ?? "unknown"}); {Plan()}",
            T.Superseded => $"release {before.Release} superseded by {_current.Release}: restoring routing and removing the old canary, then step 1",
            T.RevertedToStable => $"template reverted to stable {before.Stable}: rolling back release {before.Release}",
            T.DeploymentDeleted => "Deployment deleted: restoring routing",
            T.Initialized => $"{step}: scaling the canary to {Replicas()} pod(s)",
            T.CanaryReady => $"{step}: canary ready {Available()}/{Replicas()}",
            T.CanaryLost => $"{step}: the canary lost pods ({Available()} available{(_facts.CanaryProblem is { } why ? $": {why}" : "")}): "
                + (_current.Phase == Promoting
                    ? "traffic is back on stable while the Deployment finishes its rollout"
                    : $"traffic is back on stable until it is ready again, then the step's routing and analysis start over (rolled back if not ready within {StepView.Format(_strategy.ProgressDeadline)})"),
            T.RoutingApplied => $"{step}: routing in place, waiting {StepView.Format(_strategy.Traffic.GracePeriod)} grace period",
            T.GraceElapsed => _current.Metrics.Count == 0 ? $"{step}: no analysis" : $"{step}: measuring {string.Join(", ", _current.Metrics.Select(m => m.Name))}",
            T.StepPassed => $"{step}: analysis passed ({Counters(before)}); {Pause()}",
            T.MeasurementFailed => $"{stepBefore}: analysis failed ({Beyond(before, m => m.Failed, s => s.FailureLimit, "failureLimit")}): rolling back",
            T.MeasurementInconclusive when before.Metrics.FirstOrDefault(m => m.QueryRejected) is { } rejected =>
                $"{stepBefore}: held: Prometheus rejected the query of metric {rejected.Name}: {rejected.LastMessage}; fix the query in the strategy, then resume (or abort)",
            T.MeasurementInconclusive => $"{stepBefore}: analysis inconclusive ({Beyond(before, m => m.Inconclusive, s => s.InconclusiveLimit, "inconclusiveLimit")}): held for a human: promote or abort; analysis resumes on its own when a measurement passes",
            T.MeasurementPassed => $"{step}: a measurement passed again, analysis resumes",
            T.PauseElapsed => _current.Phase == Promoting ? $"{stepBefore} done: promoting" : $"{stepBefore} done: {step} scaling the canary to {Replicas()} pod(s)",
            T.DeadlineExceeded => $"{stepBefore}: waiting for {WaitingFor(before)} after {StepView.Format(_strategy.ProgressDeadline)}"
                + (_current.Phase == Aborting && before.Phase != Aborting ? ": rolling back" : ": still trying"),
            T.PromotionRolledOut => "the Deployment finished its rolling update: restoring routing",
            T.RoutingRestored => "original routing restored",
            T.CanaryDeleted => _facts.TemplateIsStable || _facts.Release is null
                ? $"release {_current.Release} rolled back; the template is the stable one again, so the Deployment is unpaused"
                : $"release {_current.Release} rolled back; the Deployment stays paused until a new template or the stable one is applied (or retry)",
            T.Finalized => $"release {_current.Release} promoted",
            T.Promote => _current.Phase == Promoting ? $"{stepBefore}: promoted by command: promoting" : $"{stepBefore}: promoted by command: {step} scaling the canary to {Replicas()} pod(s)",
            T.PromoteFull => $"{stepBefore}: fully promoted by command: promoting",
            T.Abort => before.Phase is Promoting or Finalizing
                ? $"{stepBefore}: aborted by command during promotion: the Deployment's rollout is halted where it stands and routing restored; revert the template (e.g. kubectl rollout undo) to return fully to stable"
                : $"{stepBefore}: aborted by command: rolling back",
            T.Pause => $"{step}: paused by command; resume to continue",
            T.Resume => $"{step}: resumed by command",
            T.Retry => $"retrying release {_current.Release} from step 1",
            _ => t.Trigger.ToString(),
        };
    }

    private string WaitingFor(RolloutStatus s) => s.Phase switch
    {
        Initializing or Finalizing or Aborting => !_facts.RoutingRestored ? "routing restored"
            : _facts.Canaries.Count > 0 ? $"canary deleted ({_facts.Canaries.Count} left)" : "grace period",
        StepScaling => (s.TrafficWithdrawn ? "the canary to recover: " : "") + $"canary ready {Available()}/{Replicas()}" + (_facts.CanaryProblem is { } problem ? $" ({problem})" : ""),
        StepRouting => s.RoutedAt is null ? "routing in place" : "grace period",
        StepAnalyzing => $"analysis ({Counters(s)})",
        Promoting => "the Deployment's rolling update to complete",
        _ => s.Phase.ToString(),
    };

    private string Plan() => _strategy.Steps.Count switch
    {
        1 => "1 step",
        var n => string.Create(CultureInfo.InvariantCulture, $"{n} steps"),
    };

    private string Pause()
    {
        var pause = StepView.Of(_strategy, _current.Step).Pause;
        return pause.IsManual ? "paused until promote" : pause.Duration > TimeSpan.Zero ? $"pausing {StepView.Format(pause.Duration)}" : "moving on";
    }

    private int Replicas() => StepView.Of(_strategy, _current.Step).Replicas.Resolve(_facts.DesiredReplicas);

    private int Available() => _facts.Canaries.FirstOrDefault(c => c.Release == _current.Release)?.AvailableReplicas ?? 0;

    private string Counters(RolloutStatus s) => s.Metrics.Count == 0
        ? "no metrics"
        : string.Join(", ", s.Metrics.Select(m => string.Create(CultureInfo.InvariantCulture,
            $"{m.Name} passed {m.Passed}/{StepView.Metric(_strategy, m.Name)?.Count.ToString(CultureInfo.InvariantCulture) ?? "? (not defined in analysis.metrics)"}")));

    private string Beyond(RolloutStatus s, Func<MetricStatus, int> count, Func<Strategy.MetricSpec, int> limit, string limitName) =>
        string.Join(", ", s.Metrics
            .Where(m => StepView.Metric(_strategy, m.Name) is { } spec && count(m) > limit(spec))
            .Select(m => string.Create(CultureInfo.InvariantCulture,
                $"{m.Name} {count(m)} > {limitName} {limit(StepView.Metric(_strategy, m.Name)!)}, last {(m.LastValue is { } v ? v.ToString("G6", CultureInfo.InvariantCulture) : "no value")}{(m.LastMessage is null ? "" : $": {m.LastMessage}")}")));
}
