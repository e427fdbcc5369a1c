using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching.Tests;

/// <summary>Compact JSON helpers for patch tests.</summary>
internal static class Json
{
    public static JsonNode Node(string json) => JsonNode.Parse(json)!;

    public static JsonObject Object(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonArray Array(string json) => JsonNode.Parse(json)!.AsArray();

    /// <summary>Asserts structural equality, comparing canonical text so failures show both documents.</summary>
    public static void Equal(string expected, JsonNode? actual) =>
        Assert.Equal(Canonical(JsonNode.Parse(expected)), Canonical(actual));

    private static string Canonical(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject obj => "{" + string.Join(",", obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":{Canonical(p.Value)}")) + "}",
        JsonArray array => "[" + string.Join(",", array.Select(Canonical)) + "]",
        _ => node.ToJsonString(),
    };
}
