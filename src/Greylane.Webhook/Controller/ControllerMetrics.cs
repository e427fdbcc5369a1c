using Greylane.Core.Rollout;
using Prometheus;

namespace Greylane.Webhook.Controller;

/// <summary>Greylane's own metrics about releases and the controller's work.</summary>
internal sealed class ControllerMetrics
{
    private static readonly string[] Phases = Enum.GetNames<RolloutPhase>();

    private readonly Gauge phase;
    private readonly Gauge step;
    private readonly Counter rollouts;
    private readonly Histogram reconcileDuration;
    private readonly Counter reconcileErrors;
    private readonly Gauge queueDepth;
    private readonly Gauge leader;

    public ControllerMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        phase = factory.CreateGauge(
            "greylane_rollout_phase",
            "1 for the current release phase of a Deployment (only that phase has a series: at 10,000 Deployments a series per phase would be 110,000).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment", "phase"] });
        step = factory.CreateGauge(
            "greylane_rollout_step",
            "The current step of a Deployment's release, counted from 1 (0 when no release is in progress).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment"] });
        rollouts = factory.CreateCounter(
            "greylane_rollouts_total",
            "Releases that ended, by outcome (promoted, rolled_back).",
            new CounterConfiguration { LabelNames = ["outcome"] });
        reconcileDuration = factory.CreateHistogram(
            "greylane_reconcile_duration_seconds",
            "Time of one reconcile of one Deployment.",
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.001, 2, 16) });
        reconcileErrors = factory.CreateCounter(
            "greylane_reconcile_errors_total",
            "Reconciles that failed and were retried with backoff (conflicts excluded).");
        queueDepth = factory.CreateGauge(
            "greylane_queue_depth",
            "Deployments waiting for a reconcile worker.");
        leader = factory.CreateGauge(
            "greylane_controller_leader",
            "1 while this replica holds the leader lease and acts, else 0.");
    }

    public void Phase(string @namespace, string deployment, RolloutStatus status)
    {
        var current = status.Phase.ToString();
        foreach (var name in Phases.Where(n => n != current))
        {
            phase.RemoveLabelled(@namespace, deployment, name);
        }

        phase.WithLabels(@namespace, deployment, current).Set(1);

        var inProgress = !status.Phase.IsAtRest;
        step.WithLabels(@namespace, deployment).Set(inProgress ? status.Step + 1 : 0);
    }

    public void Forget(string @namespace, string deployment)
    {
        foreach (var name in Phases)
        {
            phase.RemoveLabelled(@namespace, deployment, name);
        }

        step.RemoveLabelled(@namespace, deployment);
    }

    public void Ended(RolloutPhase final) => rollouts.WithLabels(final == RolloutPhase.Completed ? "promoted" : "rolled_back").Inc();

    public void Reconciled(TimeSpan elapsed) => reconcileDuration.Observe(elapsed.TotalSeconds);

    public void Failed() => reconcileErrors.Inc();

    public void QueueDepth(int depth) => queueDepth.Set(depth);

    public void Leading(bool leading) => leader.Set(leading ? 1 : 0);
}
