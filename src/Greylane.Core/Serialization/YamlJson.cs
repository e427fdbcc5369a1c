using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Core;

namespace Greylane.Core.Serialization;

/// <summary>
/// YAML ⇄ <see cref="JsonNode"/>, the way Kubernetes reads manifests: plain scalars follow the YAML 1.2
/// core schema (null, booleans, numbers), quoted scalars are always strings. JSON is YAML, so JSON input works too.
/// </summary>
public static class YamlJson
{
    /// <summary>The first document of <paramref name="yaml"/> (null for an empty one). Throws <see cref="YamlException"/> with a line and column on bad syntax.</summary>
    public static JsonNode? Parse(string yaml) => ParseAll(yaml).FirstOrDefault();

    /// <summary>Every document of a multi-document stream (<c>---</c>), empty ones skipped, within <see cref="YamlReadOptions.Manifests"/>.</summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml) => ParseAll(yaml, YamlReadOptions.Manifests);

    /// <summary>
    /// Every document of <paramref name="yaml"/> within <paramref name="options"/>. Whatever the input, the only exception
    /// is a <see cref="YamlException"/> (a <see cref="YamlLimitException"/> for a bound) with the line and column.
    /// </summary>
    public static IReadOnlyList<JsonNode?> ParseAll(string yaml, YamlReadOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new YamlTreeBuilder(yaml, options).Build();
    }

    /// <summary>Block-style YAML for a JSON value, keys in their given order; strings that would read back as something else are quoted.</summary>
    public static string Write(JsonNode? node)
    {
        var text = new StringBuilder();
        WriteNode(text, node, 0, inSequence: false);
        return text.ToString();
    }

    /// <summary>A scalar as Kubernetes reads it: quoted, block and <c>!!str</c> scalars are strings; plain ones follow the core schema.</summary>
    internal static JsonNode? ScalarValue(string value, ScalarStyle style, TagName tag)
    {
        if (style is ScalarStyle.SingleQuoted or ScalarStyle.DoubleQuoted or ScalarStyle.Literal or ScalarStyle.Folded
            || (tag is { IsEmpty: false, IsNonSpecific: false } && tag.Value == "tag:yaml.org,2002:str"))
        {
            return JsonValue.Create(value);
        }

        return PlainScalar(value);
    }

    private static JsonNode? PlainScalar(string value)
    {
        switch (value)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
        {
            return JsonValue.Create(whole);
        }

        if (LooksLikeFloat(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    // YAML 1.2 core schema floats: digits with a dot or an exponent (".inf"/".nan" stay strings: JSON has no such numbers).
    private static bool LooksLikeFloat(string value) =>
        value.Length > 0
        && (char.IsDigit(value[0]) || ((value[0] is '-' or '+' or '.') && value.Length > 1))
        && value.All(c => char.IsDigit(c) || c is '.' or 'e' or 'E' or '-' or '+')
        && value.Any(char.IsDigit);

    private static void WriteNode(StringBuilder text, JsonNode? node, int indent, bool inSequence)
    {
        switch (node)
        {
            case JsonObject obj when obj.Count > 0:
                var first = true;
                foreach (var (key, value) in obj)
                {
                    if (!(first && inSequence))
                    {
                        text.Append(' ', indent);
                    }

                    first = false;
                    text.Append(Scalar(key)).Append(':');
                    WriteChild(text, value, indent);
                }

                break;
            case JsonArray arr when arr.Count > 0:
                var firstItem = true;
                foreach (var item in arr)
                {
                    if (!(firstItem && inSequence))
                    {
                        text.Append(' ', indent);
                    }

                    firstItem = false;
                    text.Append("- ");
                    if (item is JsonObject { Count: > 0 } or JsonArray { Count: > 0 })
                    {
                        WriteNode(text, item, indent + 2, inSequence: true);
                    }
                    else
                    {
                        text.Append(Inline(item)).Append('\n');
                    }
                }

                break;
            default:
                text.Append(Inline(node)).Append('\n');
                break;
        }
    }

    private static void WriteChild(StringBuilder text, JsonNode? value, int indent)
    {
        switch (value)
        {
            case JsonObject { Count: > 0 }:
                text.Append('\n');
                WriteNode(text, value, indent + 2, inSequence: false);
                break;
            case JsonArray { Count: > 0 }:
                text.Append('\n');
                WriteNode(text, value, indent, inSequence: false);
                break;
            default:
                text.Append(' ').Append(Inline(value)).Append('\n');
                break;
        }
    }

    private static string Inline(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "{}",
        JsonArray => "[]",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Scalar(v.GetValue<string>()),
        _ => node.ToJsonString(),
    };

    // A string is written plain only when it reads back as the same string.
    private static string Scalar(string value)
    {
        var plainIsSafe = value.Length > 0
            && PlainScalar(value) is JsonValue v && v.GetValueKind() == JsonValueKind.String
            && !value.Contains(": ", StringComparison.Ordinal) && !value.Contains(" #", StringComparison.Ordinal)
            && !value.EndsWith(':') && !char.IsWhiteSpace(value[0]) && !char.IsWhiteSpace(value[^1])
            && "-?:,[]{}#&*!|>'\"%@`".IndexOf(value[0], StringComparison.Ordinal) < 0
            && !value.Any(c => c is '\n' or '\r' or '\t' || char.IsControl(c));
        return plainIsSafe ? value : JsonSerializer.Serialize(value);
    }
}
