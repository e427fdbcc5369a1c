using System.Text;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Selectors;

/// <summary>A Kubernetes field selector over <c>metadata.name</c> and <c>metadata.namespace</c>, the fields every resource supports.</summary>
public sealed class FieldSelector
{
    private static readonly string[] Operators = ["!=", "==", "="];

    private FieldSelector(IReadOnlyList<FieldRequirement> requirements) => Requirements = requirements;

    /// <summary>The selector that matches every object.</summary>
    public static FieldSelector Everything { get; } = new([]);

    /// <summary>The terms, ANDed, sorted as apimachinery sorts them.</summary>
    public IReadOnlyList<FieldRequirement> Requirements { get; }

    /// <summary>
    /// Parses <c>metadata.name=x,metadata.namespace!=y</c> (operators <c>=</c>, <c>==</c>, <c>!=</c>; <c>\</c> escapes
    /// <c>,</c>, <c>=</c> and <c>\</c> in values). Null or blank is <see cref="Everything"/>. Throws <see cref="FormatException"/>
    /// for bad syntax (<c>invalid selector: ...</c>) and for other fields (<c>field label not supported: F</c>).
    /// </summary>
    public static FieldSelector Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
            return Everything;
        var requirements = new List<FieldRequirement>();
        foreach (var term in SplitTerms(text).Order(StringComparer.Ordinal))
        {
            if (term.Length == 0)
                continue;
            var (field, op, value) = SplitTerm(term)
                ?? throw new FormatException($"invalid selector: '{text}'; can't understand '{term}'");
            if (field is not ("metadata.name" or "metadata.namespace"))
                throw new FormatException($"field label not supported: {field}");
            requirements.Add(new FieldRequirement(field, op != "!=", Unescape(value)));
        }

        return new FieldSelector(requirements);
    }

    /// <summary>Whether the object's name and namespace satisfy every term (a cluster-scoped object's namespace is "").</summary>
    public bool Matches(JsonObject obj)
    {
        var metadata = obj["metadata"] as JsonObject;
        foreach (var requirement in Requirements)
        {
            var actual = metadata?[requirement.Field["metadata.".Length..]]?.ToString() ?? "";
            if (string.Equals(actual, requirement.Value, StringComparison.Ordinal) != requirement.Equal)
                return false;
        }

        return true;
    }

    /// <summary>The canonical text: terms sorted, joined by commas.</summary>
    public override string ToString() => string.Join(',', Requirements);

    // Commas split terms unless escaped with a backslash, as fields.splitTerms does.
    private static List<string> SplitTerms(string text)
    {
        var terms = new List<string>();
        var current = new StringBuilder();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                current.Append(text[i]).Append(text[++i]);
            }
            else if (text[i] == ',')
            {
                terms.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(text[i]);
            }
        }

        terms.Add(current.ToString());
        return terms;
    }

    private static (string Field, string Op, string Value)? SplitTerm(string term)
    {
        for (var i = 0; i < term.Length; i++)
        {
            if (term[i] == '\\')
            {
                i++;
                continue;
            }

            foreach (var op in Operators)
            {
                if (string.CompareOrdinal(term, i, op, 0, op.Length) == 0)
                    return (term[..i], op, term[(i + op.Length)..]);
            }
        }

        return null;
    }

    private static string Unescape(string value)
    {
        var result = new StringBuilder();
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '\\')
            {
                if (i + 1 >= value.Length || value[i + 1] is not ('\\' or ',' or '='))
                    throw new FormatException($"invalid field selector: invalid escape sequence in '{value}'");
                c = value[++i];
            }
            else if (c is ',' or '=')
            {
                throw new FormatException($"invalid field selector: unescaped '{c}' in value '{value}'");
            }

            result.Append(c);
        }

        return result.ToString();
    }
}
