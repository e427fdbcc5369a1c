using System.Collections.Concurrent;
using Prometheus;

namespace Greylane.Webhook.Admission;

/// <summary>Admission latency and decisions, by operation and decision (allowed, patched, denied, rejected).</summary>
internal sealed class AdmissionMetrics
{
    private readonly Histogram _duration;
    private readonly Counter _decisions;

    // The labelled series of each (operation, decision), found once: looking them up by label values took about as
    // long as the rest of the endpoint's own work outside the handler.
    private readonly ConcurrentDictionary<(string Operation, string Decision), (Histogram.Child Duration, Counter.Child Decisions)> _series = new();

    public AdmissionMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _duration = factory.CreateHistogram(
            "greylane_admission_duration_seconds",
            "Time to answer one admission request, from the first body byte to the answer.",
            new HistogramConfiguration
            {
                LabelNames = ["operation", "decision"],
                Buckets = Histogram.ExponentialBuckets(0.0001, 2, 15),
            });
        _decisions = factory.CreateCounter(
            "greylane_admission_decisions_total",
            "Admission requests answered, by operation and decision.",
            new CounterConfiguration { LabelNames = ["operation", "decision"] });
    }

    public void Record(string operation, string decision, TimeSpan elapsed)
    {
        var series = _series.GetOrAdd((operation, decision), static (key, self) =>
            (self._duration.WithLabels(key.Operation, key.Decision), self._decisions.WithLabels(key.Operation, key.Decision)), this);
        series.Duration.Observe(elapsed.TotalSeconds);
        series.Decisions.Inc();
    }
}
