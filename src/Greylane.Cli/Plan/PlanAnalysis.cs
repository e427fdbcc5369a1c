using Greylane.Cli.Status;
using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Cli.Plan;

/// <summary>The metrics that gate a step, with their queries rendered and scoped as the controller will send them to Prometheus.</summary>
internal static class PlanAnalysis
{
    public static void Step(StepSpec step, RolloutStrategy strategy, AnalysisContext context, QueryTenancy tenancy, PlanReport report, string where)
    {
        if (step.Analysis.Count == 0)
        {
            report.Line("    analysis: none");
            return;
        }

        report.Line("    analysis:");
        foreach (var name in step.Analysis)
        {
            var metric = strategy.Analysis.Metrics.FirstOrDefault(m => m.Name == name);
            if (metric is null)
            {
                // Validation refuses this; kept so a plan never crashes on it.
                report.Errors.Add($"{where}: metric {name} is not defined in analysis.metrics; define it or remove it from the step");
                continue;
            }

            var interval = GoDuration.Format(metric.Interval ?? strategy.Analysis.Interval);
            var delay = metric.InitialDelay > TimeSpan.Zero ? $", first after {GoDuration.Format(metric.InitialDelay)}" : "";
            report.Line($"      {name}: want {Bounds(metric)}; {metric.Count} pass{(metric.Count == 1 ? "" : "es")} needed, failure limit {metric.FailureLimit}, inconclusive limit {metric.InconclusiveLimit}; every {interval}{delay}");
            var rendered = RenderedMetric.Render(metric, context, tenancy);
            if (rendered.Problem is { } problem)
            {
                report.Line(rendered.OutsideTenancy ? $"        query would not be sent: {problem}" : $"        query cannot be rendered: {problem}");
                report.Errors.Add($"{where}: metric {name}: {problem}");
                continue;
            }

            report.Line($"        query: {rendered.Query}");
            if (rendered.SamplesQuery is { } samples)
            {
                report.Line($"        min samples (>= {StatusText.Number(metric.MinSamples!.Min)}): {samples}");
            }
        }
    }

    private static string Bounds(MetricSpec metric) => (metric.Min, metric.Max) switch
    {
        ({ } min, { } max) => $"{StatusText.Number(min)}..{StatusText.Number(max)}",
        ({ } min, null) => $">= {StatusText.Number(min)}",
        (null, { } max) => $"<= {StatusText.Number(max)}",
        _ => "any value",
    };
}
