using Greylane.Core.Rollout;
using Prometheus;

namespace Greylane.Webhook.Controller;

/// <summary>Greylane's own metrics about releases and the controller's work (the per-Deployment ones in <see cref="RolloutSeries"/>).</summary>
internal sealed class ControllerMetrics
{
    private readonly RolloutSeries _series;
    private readonly Counter _rollouts;
    private readonly Histogram _reconcileDuration;
    private readonly Counter _reconcileErrors;
    private readonly Gauge _queueDepth;
    private readonly Gauge _leader;

    public ControllerMetrics(CollectorRegistry registry, RolloutSeries series)
    {
        _series = series;
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
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

    public void Phase(string @namespace, string deployment, RolloutStatus status) =>
        _series.Set(@namespace, deployment, status.Phase, status.Phase.IsAtRest ? 0 : status.Step + 1);

    /// <summary>The phase of a Deployment with no release in progress (its step series reads 0).</summary>
    public void AtRest(string @namespace, string deployment, RolloutPhase phase) => _series.Set(@namespace, deployment, phase, 0);

    public void Forget(string @namespace, string deployment) => _series.Remove(@namespace, deployment);

    public void Ended(RolloutPhase final) => _rollouts.WithLabels(final == RolloutPhase.Completed ? "promoted" : "rolled_back").Inc();

    public void Reconciled(TimeSpan elapsed) => _reconcileDuration.Observe(elapsed.TotalSeconds);

    public void Failed() => _reconcileErrors.Inc();

    public void QueueDepth(int depth) => _queueDepth.Set(depth);

    public void Leading(bool leading) => _leader.Set(leading ? 1 : 0);
}
