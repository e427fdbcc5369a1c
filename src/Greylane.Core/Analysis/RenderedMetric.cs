using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// A metric's queries rendered for one release and scoped to its namespace (as they are sent to Prometheus), or the
/// problem that kept them from being sent. <see cref="OutsideTenancy"/> tells a refusal by tenancy scoping from a
/// template that could not be rendered.
/// </summary>
public sealed record RenderedMetric(MetricSpec Metric, string? Query, string? SamplesQuery, string? Problem)
{
    /// <summary>True when a query was refused by <see cref="QueryTenancy"/>: it names another namespace or cannot be parsed.</summary>
    public bool OutsideTenancy { get; init; }

    /// <summary>The metric's query (and minSamples query) with every variable filled in and escaped, then scoped by <paramref name="tenancy"/>.</summary>
    public static RenderedMetric Render(MetricSpec metric, AnalysisContext context, QueryTenancy tenancy)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenancy);
        if (context.ServiceProblem is { } noService && UsesService(metric))
        {
            return new RenderedMetric(metric, null, null, $"{{{{service}}}} has no value: {noService}");
        }

        var variables = context.VariablesFor(metric);
        string query;
        string? samples;
        try
        {
            query = QueryTemplate.Render(metric.Query, variables);
            samples = metric.MinSamples is { } minSamples ? QueryTemplate.Render(minSamples.Query, variables) : null;
        }
        catch (ArgumentException e)
        {
            // Validation refuses unknown variables at admission; a canary label missing here is the one way left.
            return new RenderedMetric(metric, null, null, e.Message.Split(" (Parameter", 2)[0]);
        }

        var scoped = tenancy.Apply(query, context.Namespace, out var problem);
        if (scoped is null)
        {
            return new RenderedMetric(metric, null, null, problem) { OutsideTenancy = true };
        }

        string? scopedSamples = null;
        if (samples is not null && (scopedSamples = tenancy.Apply(samples, context.Namespace, out problem)) is null)
        {
            return new RenderedMetric(metric, null, null, $"minSamples query: {problem}") { OutsideTenancy = true };
        }

        return new RenderedMetric(metric, scoped, scopedSamples, null);
    }

    private static bool UsesService(MetricSpec metric) =>
        QueryTemplate.Variables(metric.Query).Contains("service", StringComparer.Ordinal)
        || (metric.MinSamples is { } samples && QueryTemplate.Variables(samples.Query).Contains("service", StringComparer.Ordinal));
}
