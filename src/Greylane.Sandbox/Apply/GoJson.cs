using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// Values as structured-merge-diff orders and prints them: its total order (numbers, strings, booleans, lists, maps,
/// null), Go's JSON encoding (keys in <c>k:</c>/<c>v:</c> path elements) and Go's <c>%q</c>/<c>%v</c> (conflict paths).
/// </summary>
internal static class GoJson
{
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        var (l, r) = (Rank(left), Rank(right));
        if (l != r)
            return l.CompareTo(r);
        return (left, right) switch
        {
            (JsonValue a, JsonValue b) when l == 0 => Number(a).CompareTo(Number(b)),
            (JsonValue a, JsonValue b) when l == 1 => string.CompareOrdinal(a.GetValue<string>(), b.GetValue<string>()),
            (JsonValue a, JsonValue b) when l == 2 => a.GetValue<bool>().CompareTo(b.GetValue<bool>()),
            (JsonArray a, JsonArray b) => CompareLists(a, b),
            (JsonObject a, JsonObject b) => CompareMaps(a, b),
            _ => 0,
        };
    }

    public static bool Equal(JsonNode? left, JsonNode? right) => JsonEquality.Equal(left, right);

    /// <summary>Compact JSON as Go's encoding/json writes it (HTML characters escaped, sorted map keys).</summary>
    public static string Encode(JsonNode? node)
    {
        var text = new StringBuilder();
        Write(text, node);
        return text.ToString();
    }

    /// <summary>The value as structured-merge-diff's <c>value.ToString</c> prints it: strings quoted, maps as k=v.</summary>
    public static string Display(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray list => "[" + string.Join(",", list.Select(Display)) + "]",
        JsonObject map => string.Concat(map.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={Display(p.Value)}")),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => Quote(v.GetValue<string>()),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => NumberText(v),
        _ => node.ToJsonString(),
    };

    /// <summary>Go's <c>%q</c> for the common characters.</summary>
    public static string Quote(string text)
    {
        var quoted = new StringBuilder("\"");
        foreach (var c in text)
        {
            quoted.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                < ' ' => $"\\x{(int)c:x2}",
                _ => c.ToString(),
            });
        }

        return quoted.Append('"').ToString();
    }

    private static int Rank(JsonNode? node) => node switch
    {
        JsonValue v => v.GetValueKind() switch
        {
            JsonValueKind.Number => 0,
            JsonValueKind.String => 1,
            JsonValueKind.True or JsonValueKind.False => 2,
            _ => 5,
        },
        JsonArray => 3,
        JsonObject => 4,
        _ => 5,
    };

    private static double Number(JsonValue value) =>
        double.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d : 0;

    private static string NumberText(JsonValue value) => value.ToJsonString();

    private static int CompareLists(JsonArray left, JsonArray right)
    {
        for (var i = 0; ; i++)
        {
            if (i >= left.Count || i >= right.Count)
                return left.Count.CompareTo(right.Count);
            if (Compare(left[i], right[i]) is var c and not 0)
                return c;
        }
    }

    private static int CompareMaps(JsonObject left, JsonObject right)
    {
        var l = left.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var r = right.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        for (var i = 0; ; i++)
        {
            if (i >= l.Count || i >= r.Count)
                return l.Count.CompareTo(r.Count);
            if (string.CompareOrdinal(l[i].Key, r[i].Key) is var k and not 0)
                return k;
            if (Compare(l[i].Value, r[i].Value) is var c and not 0)
                return c;
        }
    }

    private static void Write(StringBuilder text, JsonNode? node)
    {
        switch (node)
        {
            case null:
                text.Append("null");
                break;
            case JsonObject map:
                text.Append('{');
                var first = true;
                foreach (var (key, value) in map.OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(first ? "" : ",");
                    first = false;
                    WriteString(text, key);
                    text.Append(':');
                    Write(text, value);
                }

                text.Append('}');
                break;
            case JsonArray list:
                text.Append('[');
                for (var i = 0; i < list.Count; i++)
                {
                    text.Append(i == 0 ? "" : ",");
                    Write(text, list[i]);
                }

                text.Append(']');
                break;
            case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                WriteString(text, v.GetValue<string>());
                break;
            default:
                text.Append(node.ToJsonString());
                break;
        }
    }

    private static void WriteString(StringBuilder text, string value)
    {
        text.Append('"');
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\r' => "\\r",
                '\t' => "\\t",
                '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ' => $"\\u{(int)c:x4}",
                _ => c.ToString(),
            });
        }

        text.Append('"');
    }
}
