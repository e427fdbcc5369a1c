using System.Text.RegularExpressions;
using Greylane.Core.PromQL;

namespace Greylane.Core.Analysis;

/// <summary>
/// Whether metric queries are kept in the Deployment's namespace, and the label that carries the namespace in
/// Prometheus (the operator's <c>--prometheus-tenancy</c> and <c>--prometheus-tenancy-label</c>). On by default: every
/// vector selector of a query is limited to <c>label="namespace"</c>, and a query that names another namespace, or that
/// cannot be parsed, is never sent.
/// </summary>
public sealed partial record QueryTenancy(bool Enabled, string Label)
{
    /// <summary>The label Kubernetes service discovery relabelling usually writes the namespace to.</summary>
    public const string DefaultLabel = "namespace";

    /// <summary>Scoping on, with the <c>namespace</c> label.</summary>
    public static QueryTenancy On { get; } = new(true, DefaultLabel);

    /// <summary>Scoping off: queries go to Prometheus as written (single-tenant clusters).</summary>
    public static QueryTenancy Off { get; } = new(false, DefaultLabel);

    /// <summary>Why <paramref name="label"/> cannot be the tenancy label, or null when it can.</summary>
    public static string? LabelProblem(string label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!LabelName().IsMatch(label))
        {
            return $"'{label}' is not a Prometheus label name; use letters, digits and '_', not starting with a digit, e.g. namespace or kubernetes_namespace";
        }

        return label.StartsWith("__", StringComparison.Ordinal)
            ? $"'{label}' is reserved for Prometheus' own labels (it starts with '__'); name the label your namespace is stored in, e.g. namespace"
            : null;
    }

    /// <summary>
    /// The query to send for a Deployment in <paramref name="namespace"/>: <paramref name="query"/> scoped (or as is
    /// when off), or null with <paramref name="problem"/> saying why it must not be sent.
    /// </summary>
    public string? Apply(string query, string @namespace, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(query);
        problem = null;
        if (!Enabled)
        {
            return query;
        }

        var scoped = Scope(query, @namespace);
        problem = scoped switch
        {
            { SyntaxError: { } error } => $"it is not valid PromQL ({error}), and Greylane sends only queries it can keep in namespace {@namespace}",
            { Refusal: { } refusal } => refusal.Describe(refusal.Selector.In(query), Label, @namespace),
            _ => null,
        };
        return scoped.Query;
    }

    internal ScopedQuery Scope(string query, string @namespace) => TenancyScoper.Scope(query, Label, @namespace);

    [GeneratedRegex("^[a-zA-Z_][a-zA-Z0-9_]*$")]
    private static partial Regex LabelName();
}
