using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Selectors;

/// <summary>A Kubernetes label selector: parsed from the query-string syntax or a metav1.LabelSelector, matched against labels.</summary>
public sealed class LabelSelector
{
    private LabelSelector(IReadOnlyList<LabelRequirement> requirements) =>
        Requirements = [.. requirements.OrderBy(r => r.Key, StringComparer.Ordinal)];

    /// <summary>The selector that matches every object.</summary>
    public static LabelSelector Everything { get; } = new([]);

    /// <summary>The requirements, ANDed, sorted by key.</summary>
    public IReadOnlyList<LabelRequirement> Requirements { get; }

    /// <summary>True when there are no requirements (the selector matches everything).</summary>
    public bool IsEmpty => Requirements.Count == 0;

    /// <summary>
    /// Parses <c>a=b</c>, <c>a==b</c>, <c>a!=b</c>, <c>a in (x,y)</c>, <c>a notin (x)</c>, <c>a</c>, <c>!a</c>,
    /// <c>a&gt;1</c>, <c>a&lt;1</c>, joined by commas; null or blank is <see cref="Everything"/>.
    /// Throws <see cref="FormatException"/> with apimachinery's message for bad syntax.
    /// </summary>
    public static LabelSelector Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Everything : new LabelSelector(new LabelSelectorParser(text).Parse());

    /// <summary>
    /// Converts a metav1.LabelSelector (<c>matchLabels</c>, <c>matchExpressions</c> with In, NotIn, Exists, DoesNotExist).
    /// Null or empty gives <see cref="Everything"/>; throws <see cref="FormatException"/> on an invalid expression.
    /// </summary>
    public static LabelSelector FromJson(JsonObject? selector)
    {
        if (selector is null)
            return Everything;
        var requirements = new List<LabelRequirement>();
        if (selector["matchLabels"] is JsonObject matchLabels)
        {
            foreach (var (key, value) in matchLabels)
                requirements.Add(Requirement(key, SelectorOperator.Equals, [value?.ToString() ?? ""]));
        }

        if (selector["matchExpressions"] is JsonArray expressions)
        {
            foreach (var expression in expressions.OfType<JsonObject>())
                requirements.Add(FromExpression(expression));
        }

        return requirements.Count == 0 ? Everything : new LabelSelector(requirements);
    }

    /// <summary>Whether the labels (null meaning none) satisfy every requirement.</summary>
    public bool Matches(IReadOnlyDictionary<string, string>? labels)
    {
        labels ??= new Dictionary<string, string>();
        return Requirements.All(r => r.Matches(labels));
    }

    /// <summary>Whether the object's <c>metadata.labels</c> satisfy every requirement.</summary>
    public bool Matches(JsonObject obj) => Matches(LabelsOf(obj));

    /// <summary>Reads <c>metadata.labels</c> as a dictionary (empty when absent).</summary>
    public static IReadOnlyDictionary<string, string> LabelsOf(JsonObject? obj) =>
        obj is null ? new Dictionary<string, string>(StringComparer.Ordinal) : obj.Labels();

    /// <summary>The canonical form apimachinery prints: requirements sorted by key, joined by commas, set values sorted.</summary>
    public override string ToString() => string.Join(',', Requirements);

    /// <summary>Builds a validated requirement, as apimachinery's <c>NewRequirement</c>.</summary>
    internal static LabelRequirement Requirement(string key, SelectorOperator op, IEnumerable<string> values)
    {
        LabelSyntax.ValidateKey(key);
        var list = values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        switch (op)
        {
            case SelectorOperator.In or SelectorOperator.NotIn when list.Count == 0:
                throw new FormatException($"values: Invalid value: []: for 'in', 'notin' operators, values set can't be empty");
            case SelectorOperator.Equals or SelectorOperator.DoubleEquals or SelectorOperator.NotEquals when list.Count != 1:
                throw new FormatException($"values: Invalid value: [{string.Join(' ', list)}]: exact-match compatibility requires one single value");
            case SelectorOperator.Exists or SelectorOperator.DoesNotExist when list.Count != 0:
                throw new FormatException($"values: Invalid value: [{string.Join(' ', list)}]: values set must be empty for exists and does not exist");
            case SelectorOperator.GreaterThan or SelectorOperator.LessThan when list.Count != 1 || !LabelRequirement.TryInteger(list[0], out _):
                throw new FormatException($"values[0]: Invalid value: \"{string.Join(' ', list)}\": for 'Gt', 'Lt' operators, the value must be an integer");
        }

        if (op is not (SelectorOperator.GreaterThan or SelectorOperator.LessThan))
        {
            foreach (var value in list)
                LabelSyntax.ValidateValue(key, value);
        }

        return new LabelRequirement(key, op, list);
    }

    private static LabelRequirement FromExpression(JsonObject expression)
    {
        var key = expression["key"]?.ToString() ?? "";
        var op = expression["operator"]?.ToString() ?? "";
        var values = expression["values"] is JsonArray array ? array.Select(v => v?.ToString() ?? "") : [];
        return op switch
        {
            "In" => Requirement(key, SelectorOperator.In, values),
            "NotIn" => Requirement(key, SelectorOperator.NotIn, values),
            "Exists" => Requirement(key, SelectorOperator.Exists, values),
            "DoesNotExist" => Requirement(key, SelectorOperator.DoesNotExist, values),
            _ => throw new FormatException($"\"{op}\" is not a valid label selector operator"),
        };
    }
}
