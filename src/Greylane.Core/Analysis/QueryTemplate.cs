using System.Text;
using System.Text.RegularExpressions;
using Greylane.Core.PromQL;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Metric query templates: <c>{{namespace}}</c>-style variables filled in with values escaped for the PromQL string
/// they sit in (and regex-escaped in regex matchers), so a value can never end its string or widen its match.
/// </summary>
public static partial class QueryTemplate
{
    /// <summary>The prefix of per-label variables: <c>{{canaryLabels.version}}</c> is the canary's <c>version</c> label.</summary>
    public const string CanaryLabelPrefix = "canaryLabels.";

    /// <summary>The variables every query may use, besides <c>canaryLabels.KEY</c>.</summary>
    public static IReadOnlyList<string> Builtins { get; } = ["namespace", "deployment", "service", "release", "stable", "interval", "revision"];

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
    /// <paramref name="query"/> with every variable replaced by its escaped value. Inside the string of a regex matcher
    /// (<c>=~</c>, <c>!~</c>) the value is regex-escaped first (RE2 syntax), so <c>app.v2</c> matches only itself.
    /// Throws <see cref="ArgumentException"/> naming a variable that <paramref name="variables"/> lacks.
    /// </summary>
    public static string Render(string query, IReadOnlyDictionary<string, string> variables) => Render(query, variables, null);

    /// <summary><see cref="Render(string, IReadOnlyDictionary{string, string})"/>, recording where each value went in <paramref name="map"/>.</summary>
    internal static string Render(string query, IReadOnlyDictionary<string, string> variables, TemplateMap? map)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentNullException.ThrowIfNull(variables);
        var strings = TemplateStrings.Of(query);
        var shift = 0;
        return Variable().Replace(query, m =>
        {
            var name = m.Groups[1].Value;
            if (!variables.TryGetValue(name, out var value))
            {
                throw new ArgumentException($"the query uses {{{{{name}}}}}, which has no value", nameof(variables));
            }

            var rendered = strings.At(m.Index) is { } inString ? inString.Escape(value, name) : EscapeLabelValue(value);
            map?.Add(m.Index, m.Index + m.Length, m.Index + shift, m.Index + shift + rendered.Length);
            shift += rendered.Length - m.Length;
            return rendered;
        });
    }

    /// <summary>A value safe inside a PromQL double-quoted string: backslash, double quote and line breaks escaped.</summary>
    public static string EscapeLabelValue(string value) => PromQLString.Escape(value);

    /// <summary><paramref name="value"/> matching only itself as an RE2 regular expression (Go's <c>regexp.QuoteMeta</c>).</summary>
    public static string EscapeRegex(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            if (@"\.+*?()|[]{}^$".Contains(c, StringComparison.Ordinal))
            {
                text.Append('\\');
            }

            text.Append(c);
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

            // The canary's side; compared queries are rendered for stable with the matcher negated (RevisionMatchers).
            ["revision"] = release,
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
