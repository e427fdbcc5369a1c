using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>A metric's queries rendered for one release, or the problem that kept them from rendering.</summary>
public sealed record RenderedMetric(MetricSpec Metric, string? Query, string? SamplesQuery, string? Problem)
{
    /// <summary>The metric's query (and minSamples query) with every variable filled in and escaped.</summary>
    public static RenderedMetric Render(MetricSpec metric, AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(context);
        var variables = context.VariablesFor(metric);
        try
        {
            var query = QueryTemplate.Render(metric.Query, variables);
            var samples = metric.MinSamples is { } minSamples ? QueryTemplate.Render(minSamples.Query, variables) : null;
            return new RenderedMetric(metric, query, samples, null);
        }
        catch (ArgumentException e)
        {
            // Validation refuses unknown variables at admission; a canary label missing here is the one way left.
            return new RenderedMetric(metric, null, null, e.Message.Split(" (Parameter", 2)[0]);
        }
    }
}
