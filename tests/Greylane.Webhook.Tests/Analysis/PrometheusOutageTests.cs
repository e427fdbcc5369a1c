using System.Diagnostics;
using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis.Tests;

public sealed class PrometheusOutageTests
{
    [Fact]
    public async Task A_stopped_prometheus_makes_measurements_inconclusive_within_the_timeout()
    {
        await using var prometheus = await PrometheusServer.StartAsync();
        var timeout = TimeSpan.FromSeconds(3);
        using var services = new AnalysisServices(AnalysisServices.Options(prometheus.Url, timeout));
        var context = new AnalysisContext("e2e", "mocka-base", "mocka", "r1", "s1", new Dictionary<string, string>(), TimeSpan.FromSeconds(30));
        var metric = new MetricSpec("always-one", "vector(1)", 1, 1);
        Assert.Equal(MeasurementVerdict.Pass, Assert.Single(await services.Analyzer.MeasureAsync(context, [metric], CancellationToken.None)).Verdict);

        await prometheus.StopAsync();
        var took = Stopwatch.StartNew();
        var measurement = Assert.Single(await services.Analyzer.MeasureAsync(context, [metric], CancellationToken.None));
        took.Stop();

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
        Assert.Equal(InconclusiveReason.NoAnswer, measurement.Reason);
        Assert.Contains("is unreachable", measurement.Message, StringComparison.Ordinal);
        Assert.True(took.Elapsed < timeout * 3, $"an unreachable Prometheus took {took.Elapsed} to report, past three attempts' timeouts");
    }
}
