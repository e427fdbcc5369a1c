using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>The release a set of metrics is measured for: what the query variables stand for.</summary>
public sealed record AnalysisContext(
    string Namespace,
    string Deployment,
    string Service,
    string Release,
    string Stable,
    IReadOnlyDictionary<string, string> CanaryLabels,
    TimeSpan Interval)
{
    /// <summary>
    /// Why no Service could be chosen for <c>{{service}}</c> (routing discovery's message), or null. When set, a query
    /// that uses <c>{{service}}</c> is refused with it instead of being sent with a guessed name.
    /// </summary>
    public string? ServiceProblem { get; init; }

    /// <summary>Istio's canonical service of the Deployment's pods (<see cref="CanonicalNames.Service"/>); the Deployment's name when not set.</summary>
    public string? CanonicalService { get; init; }

    /// <summary>The variables of <paramref name="metric"/>'s queries: <c>{{interval}}</c> is the metric's own interval, else the analysis'.</summary>
    public IReadOnlyDictionary<string, string> VariablesFor(MetricSpec metric)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return QueryTemplate.StandardVariables(Namespace, Deployment, Service, Release, Stable, CanaryLabels, metric.Interval ?? Interval);
    }
}
