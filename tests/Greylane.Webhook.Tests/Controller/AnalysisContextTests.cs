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

public sealed class AnalysisContextTests
{
    private const string Gated = """
        steps:
          - replicas: 1
            analysis: [up]
        analysis:
          interval: 1s
          metrics:
            - name: up
              query: up{service="{{service}}",release="{{release}}"}
              min: 1
        """;

    [Fact]
    public async Task Queries_name_the_service_that_selects_the_pods_as_routing_and_plan_find_it()
    {
        await using var bed = await WithServicesAsync("other", "other");
        var analyzer = new PassingAnalyzer();
        await bed.StartControllerAsync(services: s => s.AddSingleton<IMetricAnalyzer>(analyzer));
        await bed.DeployAsync("web", Gated);

        await bed.SetImageAsync("web", "app", "web:v2");

        var done = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted on a passing gate");
        var context = Assert.Single(analyzer.Contexts.Distinct());
        Assert.Equal("web-frontend", context.Service);
        Assert.Equal(Status(done).Release, context.Release);
        Assert.Equal("up{service=\"web-frontend\",release=\"" + context.Release + "\",namespace=\"shop\"}", RenderedMetric.Render(Assert.Single(analyzer.Metrics.Distinct()), context, QueryTenancy.On).Query);
    }

    [Fact]
    public async Task Several_services_selecting_the_pods_hold_a_query_that_names_the_service_with_the_discovery_message()
    {
        await using var bed = await WithServicesAsync("web-admin", "web");
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", Gated);

        await bed.SetImageAsync("web", "app", "web:v2");

        // No query is sent with a guessed name: the real analyzer refuses it before asking Prometheus.
        var held = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Status(d) is { Phase: RolloutPhase.StepPaused, Held: true }, "held on the refused query");
        Assert.Contains(
            "{{service}} has no value: Deployment shop/web: several Services select its pods (web-admin, web-frontend); set traffic.service in the strategy to the one its VirtualServices route to",
            Status(held).Message,
            StringComparison.Ordinal);
    }

    // Service web-frontend selects the Deployment web's pods; a second Service selects pods labelled app=<selects>.
    private static async Task<ControllerBed> WithServicesAsync(string second, string selects)
    {
        var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyManifestsAsync($$"""
            apiVersion: v1
            kind: Service
            metadata: {name: web-frontend, namespace: shop}
            spec:
              ports: [{name: http, port: 8080}]
              selector: {app: web}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: {{second}}, namespace: shop}
            spec:
              ports: [{name: http, port: 8080}]
              selector: {app: {{selects}}}
            """);
        return bed;
    }

    /// <summary>A Prometheus that always answers 1: records what it was asked, so the test sees the rendered context.</summary>
    private sealed class PassingAnalyzer : IMetricAnalyzer
    {
        public ConcurrentBag<AnalysisContext> Contexts { get; } = [];

        public ConcurrentBag<MetricSpec> Metrics { get; } = [];

        public Task<IReadOnlyList<MetricMeasurement>> MeasureAsync(AnalysisContext context, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
        {
            Contexts.Add(context);
            foreach (var metric in metrics)
            {
                Metrics.Add(metric);
            }

            return Task.FromResult<IReadOnlyList<MetricMeasurement>>(
                [.. metrics.Select(m => new MetricMeasurement(m.Name, MeasurementVerdict.Pass, 1, "1 >= 1", null, DateTimeOffset.UtcNow))]);
        }
    }
}
