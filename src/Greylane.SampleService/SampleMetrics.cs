using Prometheus;

namespace Greylane.SampleService;

/// <summary>The metrics an analysis query reads: requests by code and their latency, labelled with app and version.</summary>
internal sealed class SampleMetrics
{
    private readonly Counter _requests;
    private readonly Histogram _duration;
    private readonly SampleSettings _settings;

    public SampleMetrics(CollectorRegistry registry, SampleSettings settings)
    {
        _settings = settings;
        var factory = Metrics.WithCustomRegistry(registry);
        _requests = factory.CreateCounter(
            "http_requests_total", "Requests answered, by app, version and HTTP status code.",
            new CounterConfiguration { LabelNames = ["app", "version", "code"] });
        _duration = factory.CreateHistogram(
            "http_request_duration_seconds", "Time to answer a request, by app and version.",
            new HistogramConfiguration { LabelNames = ["app", "version"], Buckets = Histogram.ExponentialBuckets(0.001, 2, 14) });

        // Zero series from the start, so that rate() of errors is 0 rather than absent before the first error.
        foreach (var code in new[] { "200", "500", "502" })
        {
            _requests.WithLabels(settings.App, settings.Version, code);
        }
    }

    public void Record(int code, TimeSpan elapsed)
    {
        _requests.WithLabels(_settings.App, _settings.Version, code.ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
        _duration.WithLabels(_settings.App, _settings.Version).Observe(elapsed.TotalSeconds);
    }
}
