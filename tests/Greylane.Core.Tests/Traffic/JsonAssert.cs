using System.Text.Json.Nodes;
using Greylane.Core.Serialization;

namespace Greylane.Core.Traffic.Tests;

/// <summary>Compares JSON as JSON and, on failure, shows both sides as YAML with the first differing line marked.</summary>
internal static class JsonAssert
{
    public static void Equal(JsonNode? expected, JsonNode? actual, string because = "")
    {
        var want = Readable(expected);
        var got = Readable(actual);
        if (JsonNode.DeepEquals(want, got))
        {
            return;
        }

        var wantLines = YamlJson.Write(Sorted(want)).Split('\n');
        var gotLines = YamlJson.Write(Sorted(got)).Split('\n');
        var first = Enumerable.Range(0, Math.Max(wantLines.Length, gotLines.Length))
            .First(i => i >= wantLines.Length || i >= gotLines.Length || wantLines[i] != gotLines[i]);
        Assert.Fail(
            $"{because}\nfirst difference at line {first + 1}:\n  expected: {Line(wantLines, first)}\n  actual:   {Line(gotLines, first)}\n"
            + $"--- expected\n{string.Join('\n', wantLines)}\n--- actual\n{string.Join('\n', gotLines)}");
    }

    // The origin annotation is a JSON string; fixtures write it as YAML, so both sides compare it parsed.
    public static JsonNode? Readable(JsonNode? node)
    {
        var copy = node?.DeepClone();
        foreach (var obj in copy is JsonArray items ? items.OfType<JsonObject>() : copy is JsonObject one ? [one] : [])
        {
            if (obj["metadata"]?["annotations"] is JsonObject annotations
                && annotations[GreylaneKeys.Origin] is JsonValue value
                && value.TryGetValue<string>(out var text))
            {
                annotations[GreylaneKeys.Origin] = JsonNode.Parse(text);
            }
        }

        return copy;
    }

    // Key order does not count in the comparison, so the diff shows keys sorted.
    private static JsonNode? Sorted(JsonNode? node) => node switch
    {
        JsonObject obj => new JsonObject(obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
        JsonArray items => new JsonArray([.. items.Select(Sorted)]),
        _ => node?.DeepClone(),
    };

    private static string Line(string[] lines, int i) => i < lines.Length ? lines[i] : "(end)";
}
