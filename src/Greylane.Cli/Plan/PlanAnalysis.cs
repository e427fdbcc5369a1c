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

            var range = metric.Test is { } test ? $" (query_range over {GoDuration.Format(metric.Window)}, step {GoDuration.Format(test.Step)})" : "";
            report.Line($"        query{(rendered.StableQuery is null ? "" : " (canary)")}{range}: {rendered.Query}");
            if (rendered.StableQuery is { } stable)
            {
                report.Line($"        query (stable){range}: {stable}");
            }

            var least = metric.MinSamples?.Min ?? metric.MinSamplesCount;
            if (rendered.SamplesQuery is { } samples)
            {
                report.Line($"        min samples{(rendered.StableSamplesQuery is null ? "" : " (canary)")} (>= {StatusText.Number(least!.Value)}): {samples}");
            }

            if (rendered.StableSamplesQuery is { } stableSamples)
            {
                report.Line($"        min samples (stable) (>= {StatusText.Number(least!.Value)}): {stableSamples}");
            }
        }
    }

    private static string Bounds(MetricSpec metric) => metric.Compare switch
    {
        null => Absolute(metric),
        { MaxDrop: { } drop } => $"canary >= stable - {StatusText.Number(drop)}{Also(metric)}{Test(metric)}",
        { MaxIncrease: { } increase } => $"canary <= stable x {StatusText.Number(1 + increase)}{Also(metric)}{Test(metric)}",
        _ => Absolute(metric),
    };

    private static string Also(MetricSpec metric) => metric.Min is null && metric.Max is null ? "" : $" and {Absolute(metric)}";

    private static string Test(MetricSpec metric) => metric.Test is { } test
        ? $" (Mann-Whitney U at {StatusText.Number(test.Confidence * 100)}% confidence, >= {StatusText.Number(metric.MinSamplesCount ?? TestSpec.DefaultMinSamples)} samples per side)"
        : "";

    private static string Absolute(MetricSpec metric) => (metric.Min, metric.Max) switch
    {
        ({ } min, { } max) => $"{StatusText.Number(min)}..{StatusText.Number(max)}",
        ({ } min, null) => $">= {StatusText.Number(min)}",
        (null, { } max) => $"<= {StatusText.Number(max)}",
        _ => "any value",
    };
}
