using System.Text;
using System.Text.RegularExpressions;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Metric query templates: <c>{{namespace}}</c>-style variables filled in with values escaped for PromQL
/// double-quoted label matchers, so a value can never end the string it sits in.
/// </summary>
public static partial class QueryTemplate
{
    /// <summary>The prefix of per-label variables: <c>{{canaryLabels.version}}</c> is the canary's <c>version</c> label.</summary>
    public const string CanaryLabelPrefix = "canaryLabels.";

    /// <summary>The variables every query may use, besides <c>canaryLabels.KEY</c>.</summary>
    public static IReadOnlyList<string> Builtins { get; } = ["namespace", "deployment", "service", "release", "stable", "interval"];

    /// <summary>The variable names in <paramref name="query"/>, in order of first use (spaces inside the braces ignored).</summary>
    public static IReadOnlyList<string> Variables(string query) =>
        [.. Variable().Matches(query).Select(m => m.Groups[1].Value).Distinct(StringComparer.Ordinal)];

    /// <summary>The offset of the first <c>{{</c> that no <c>}}</c> closes, or null.</summary>
    public static int? UnclosedAt(string query)
    {
        var rest = Variable().Replace(query, m => new string(' ', m.Length));
        var at = rest.IndexOf("{{", StringComparison.Ordinal);
        return at < 0 ? null : at;
    }

    /// <summary>
    /// <paramref name="query"/> with every variable replaced by its escaped value.
    /// Throws <see cref="ArgumentException"/> naming a variable that <paramref name="variables"/> lacks.
    /// </summary>
    public static string Render(string query, IReadOnlyDictionary<string, string> variables)
    {
        ArgumentNullException.ThrowIfNull(variables);
        return Variable().Replace(query, m => variables.TryGetValue(m.Groups[1].Value, out var value)
            ? EscapeLabelValue(value)
            : throw new ArgumentException($"the query uses {{{{{m.Groups[1].Value}}}}}, which has no value", nameof(variables)));
    }

    /// <summary>A value safe inside a PromQL double-quoted string: backslash, double quote and line breaks escaped.</summary>
    public static string EscapeLabelValue(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    /// <summary>The variables of one release, keyed as queries name them (<c>interval</c> in Prometheus' duration form).</summary>
    public static IReadOnlyDictionary<string, string> StandardVariables(
        string @namespace,
        string deployment,
        string service,
        string release,
        string stable,
        IReadOnlyDictionary<string, string> canaryLabels,
        TimeSpan interval)
    {
        ArgumentNullException.ThrowIfNull(canaryLabels);
        var variables = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["namespace"] = @namespace,
            ["deployment"] = deployment,
            ["service"] = service,
            ["release"] = release,
            ["stable"] = stable,
            ["interval"] = GoDuration.Format(interval),
        };
        foreach (var (key, value) in canaryLabels)
        {
            variables[CanaryLabelPrefix + key] = value;
        }

        return variables;
    }

    [GeneratedRegex(@"\{\{\s*([^{}]*?)\s*\}\}")]
    private static partial Regex Variable();
}
