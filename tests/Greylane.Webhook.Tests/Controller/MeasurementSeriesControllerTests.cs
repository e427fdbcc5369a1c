using System.Collections.Concurrent;
using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Analysis;
using Microsoft.Extensions.DependencyInjection;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class MeasurementSeriesControllerTests
{
    private const string Gated = """
        steps:
          - replicas: 1
            analysis: [success-rate]
        analysis:
          interval: 1s
          metrics:
            - name: success-rate
              query: sum(rate(requests_ok[1m])) / sum(rate(requests[1m]))
              min: 0.99
              count: 3
              failureLimit: 0
        """;

    [Fact]
    public async Task A_rolled_back_release_keeps_the_measurements_that_rolled_it_back_in_its_status()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync(services: s => s.AddSingleton<IMetricAnalyzer>(new ScriptedAnalyzer(0.995, 0.9)));
        await bed.DeployAsync("web", Gated);

        await bed.SetImageAsync("web", "app", "web:v2");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack, "rolled back on the failing measurement");
        var series = Status(done).Measurements;
        Assert.Equal([MeasurementVerdict.Pass, MeasurementVerdict.Fail], series.Select(r => r.Measurement.Verdict));
        Assert.Equal([0.995, 0.9], series.Select(r => r.Measurement.Value));
        Assert.All(series, r => Assert.Equal(("success-rate", 0), (r.Measurement.Metric, r.Step)));
    }

    /// <summary>A Prometheus that answers the given values in turn (the last one from then on).</summary>
    private sealed class ScriptedAnalyzer(params double[] values) : IMetricAnalyzer
    {
        private readonly ConcurrentQueue<double> _values = new(values);
        private readonly double _last = values[^1];

        public Task<IReadOnlyList<MetricMeasurement>> MeasureAsync(AnalysisContext context, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
        {
            var value = _values.TryDequeue(out var next) ? next : _last;
            return Task.FromResult<IReadOnlyList<MetricMeasurement>>(
                [.. metrics.Select(m => new MetricMeasurement(m.Name, value >= 0.99 ? MeasurementVerdict.Pass : MeasurementVerdict.Fail, value, $"{value} vs min 0.99", null, DateTimeOffset.UtcNow))]);
        }
    }
}
