using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Judges query templates before any release exists (admission, <c>kubectl greylane plan</c>) as the analyzer will send
/// them: rendered with the Deployment's namespace and name, the strategy's canary labels, and stand-ins for what only a
/// release knows (its hashes, the Service found then), then scoped by <see cref="Tenancy"/>. With tenancy off it finds
/// nothing: Prometheus judges the queries when they are sent.
/// </summary>
public sealed record TenancyCheck(QueryTenancy Tenancy, string Namespace, string Deployment)
{
    /// <summary>What stands for <c>{{release}}</c> and <c>{{stable}}</c>, and for canary labels not known yet.</summary>
    private const string Placeholder = "placeholder";

    /// <summary>Why <paramref name="template"/> would not be sent, phrased for a field error, or null.</summary>
    internal string? Problem(string template, IReadOnlyDictionary<string, string>? canaryLabels)
    {
        if (!Tenancy.Enabled)
        {
            return null;
        }

        var labels = new Dictionary<string, string>(canaryLabels ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var variable in QueryTemplate.Variables(template))
        {
            if (variable.StartsWith(QueryTemplate.CanaryLabelPrefix, StringComparison.Ordinal))
            {
                labels.TryAdd(variable[QueryTemplate.CanaryLabelPrefix.Length..], Placeholder);
            }
        }

        var variables = QueryTemplate.StandardVariables(Namespace, Deployment, Deployment, Placeholder, Placeholder, labels, AnalysisSpec.None.Interval);
        var map = new TemplateMap();
        string rendered;
        try
        {
            rendered = QueryTemplate.Render(template, variables, map);
        }
        catch (ArgumentException)
        {
            return null; // an unknown variable, reported on its own
        }

        var scoped = Tenancy.Scope(rendered, Namespace);
        if (scoped.SyntaxError is { } error)
        {
            var at = error with { Offset = map.ToTemplate(error.Offset) };
            return $"not valid PromQL: {at}; fix the query (Greylane parses every query to keep it in the Deployment's namespace)";
        }

        if (scoped.Refusal is { } refusal)
        {
            var selector = template[map.ToTemplate(refusal.Selector.Start)..map.ToTemplate(refusal.Selector.End, isEnd: true)];
            return refusal.Describe(selector, Tenancy.Label, Namespace);
        }

        return null;
    }
}
