using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// A metric's queries rendered for one release and scoped to its namespace (as they are sent to Prometheus), or the
/// problem that kept them from being sent. <see cref="OutsideTenancy"/> tells a refusal by tenancy scoping from a
/// template that could not be rendered. A compared metric has the stable side's queries too.
/// </summary>
public sealed record RenderedMetric(MetricSpec Metric, string? Query, string? SamplesQuery, string? Problem)
{
    /// <summary>True when a query was refused by <see cref="QueryTenancy"/>: it names another namespace or cannot be parsed.</summary>
    public bool OutsideTenancy { get; init; }

    /// <summary>The query for the stable pods (<c>compare: stable</c>), or null.</summary>
    public string? StableQuery { get; init; }

    /// <summary>The stable pods' samples query, or null.</summary>
    public string? StableSamplesQuery { get; init; }

    /// <summary>The metric's query (and minSamples query) with every variable filled in and escaped, then scoped by <paramref name="tenancy"/>.</summary>
    public static RenderedMetric Render(MetricSpec metric, AnalysisContext context, QueryTenancy tenancy)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(tenancy);
        var compared = metric.Compare is not null;
        var sides = compared ? new[] { MeasuredSide.Canary, MeasuredSide.Stable } : [MeasuredSide.Canary];
        var texts = new List<(string Query, string? Samples)>();
        if (metric.Builtin is { } builtin)
        {
            var service = context.CanonicalService ?? context.Deployment;
            var range = metric.Test?.Step ?? metric.Window;
            foreach (var side in sides)
            {
                var query = MeshQueries.Render(builtin, metric.Reporter, context.Namespace, service, context.Release, side, range);
                var samples = metric is { MinSamplesCount: not null, Test: null }
                    ? MeshQueries.Requests(metric.Reporter, context.Namespace, service, context.Release, side, metric.Window)
                    : null;
                texts.Add((query, samples));
            }
        }
        else
        {
            if (context.ServiceProblem is { } noService && UsesService(metric))
            {
                return new RenderedMetric(metric, null, null, $"{{{{service}}}} has no value: {noService}");
            }

            var variables = context.VariablesFor(metric);
            try
            {
                foreach (var side in sides)
                {
                    var query = QueryTemplate.Render(ForSide(metric.Query, side), variables);
                    var samples = metric.MinSamples is { } minSamples ? QueryTemplate.Render(ForSide(minSamples.Query, side), variables) : null;
                    texts.Add((query, samples));
                }
            }
            catch (ArgumentException e)
            {
                // Validation refuses unknown variables at admission; a canary label missing here is the one way left.
                return new RenderedMetric(metric, null, null, e.Message.Split(" (Parameter", 2)[0]);
            }
        }

        var scoped = new List<string?>();
        foreach (var (query, samples) in texts)
        {
            var scopedQuery = tenancy.Apply(query, context.Namespace, out var problem);
            if (scopedQuery is null)
            {
                return new RenderedMetric(metric, null, null, problem) { OutsideTenancy = true };
            }

            string? scopedSamples = null;
            if (samples is not null && (scopedSamples = tenancy.Apply(samples, context.Namespace, out problem)) is null)
            {
                return new RenderedMetric(metric, null, null, $"minSamples query: {problem}") { OutsideTenancy = true };
            }

            scoped.Add(scopedQuery);
            scoped.Add(scopedSamples);
        }

        return new RenderedMetric(metric, scoped[0], scoped[1], null)
        {
            StableQuery = compared ? scoped[2] : null,
            StableSamplesQuery = compared ? scoped[3] : null,
        };
    }

    private static string ForSide(string template, MeasuredSide side) =>
        side == MeasuredSide.Stable ? RevisionMatchers.ForStable(template) : template;

    private static bool UsesService(MetricSpec metric) =>
        QueryTemplate.Variables(metric.Query).Contains("service", StringComparer.Ordinal)
        || (metric.MinSamples is { } samples && QueryTemplate.Variables(samples.Query).Contains("service", StringComparer.Ordinal));
}
