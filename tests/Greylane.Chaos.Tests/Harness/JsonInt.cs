using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>Whole numbers out of JSON nodes, whatever they hold (the store keeps <c>long</c>, parsed JSON an element).</summary>
internal static class JsonInt
{
    public static int? Of(JsonNode? node) => node switch
    {
        JsonValue v when v.TryGetValue<int>(out var i) => i,
        JsonValue v when v.TryGetValue<long>(out var l) => (int)l,
        JsonValue v when v.TryGetValue<JsonElement>(out var e) && e.TryGetInt32(out var j) => j,
        _ => null,
    };
}
