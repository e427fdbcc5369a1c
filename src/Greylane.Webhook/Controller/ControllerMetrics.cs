using Greylane.Core.Rollout;
using Prometheus;

namespace Greylane.Webhook.Controller;

/// <summary>Greylane's own metrics about releases and the controller's work.</summary>
internal sealed class ControllerMetrics
{
    private static readonly string[] Phases = Enum.GetNames<RolloutPhase>();

    private readonly Gauge _phase;
    private readonly Gauge _step;
    private readonly Counter _rollouts;
    private readonly Histogram _reconcileDuration;
    private readonly Counter _reconcileErrors;
    private readonly Gauge _queueDepth;
    private readonly Gauge _leader;

    public ControllerMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _phase = factory.CreateGauge(
            "greylane_rollout_phase",
            "1 for the current release phase of a Deployment (only that phase has a series: at 10,000 Deployments a series per phase would be 110,000).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment", "phase"] });
        _step = factory.CreateGauge(
            "greylane_rollout_step",
            "The current step of a Deployment's release, counted from 1 (0 when no release is in progress).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment"] });
        _rollouts = factory.CreateCounter(
            "greylane_rollouts_total",
            "Releases that ended, by outcome (promoted, rolled_back).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        _reconcileDuration = factory.CreateHistogram(
            "greylane_reconcile_duration_seconds",
            "Time of one reconcile of one Deployment.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        _reconcileErrors = factory.CreateCounter(
            "greylane_reconcile_errors_total",
            "Reconciles that failed and were retried with backoff (conflicts excluded).");
        _queueDepth = factory.CreateGauge(
            "greylane_queue_depth",
            "Deployments waiting for a reconcile worker.");
        _leader = factory.CreateGauge(
            "greylane_controller_leader",
            "1 while this replica holds the leader lease and acts, else 0.");
    }

    public void Phase(string @namespace, string deployment, RolloutStatus status)
    {
        var current = status.Phase.ToString();
        foreach (var name in Phases.Where(n => n != current))
        {
            _phase.RemoveLabelled(@namespace, deployment, name);
        }

        _phase.WithLabels(@namespace, deployment, current).Set(1);

        var inProgress = !status.Phase.IsAtRest;
        _step.WithLabels(@namespace, deployment).Set(inProgress ? status.Step + 1 : 0);
    }

    /// <summary>The phase of a Deployment with no release in progress (its step series reads 0).</summary>
    public void AtRest(string @namespace, string deployment, RolloutPhase phase) =>
        Phase(@namespace, deployment, RolloutStatus.Idle with { Phase = phase });

    public void Forget(string @namespace, string deployment)
    {
        foreach (var name in Phases)
        {
            _phase.RemoveLabelled(@namespace, deployment, name);
        }

        _step.RemoveLabelled(@namespace, deployment);
    }

    public void Ended(RolloutPhase final) => _rollouts.WithLabels(final == RolloutPhase.Completed ? "promoted" : "rolled_back").Inc();

    public void Reconciled(TimeSpan elapsed) => _reconcileDuration.Observe(elapsed.TotalSeconds);

    public void Failed() => _reconcileErrors.Inc();

    public void QueueDepth(int depth) => _queueDepth.Set(depth);

    public void Leading(bool leading) => _leader.Set(leading ? 1 : 0);
}
