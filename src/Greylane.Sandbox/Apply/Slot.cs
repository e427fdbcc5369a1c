using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>A value that may be absent, as distinct from a JSON null (Go's nil <c>value.Value</c> against a null one).</summary>
internal readonly record struct Slot(bool Present, JsonNode? Value)
{
    public static Slot Absent => default;

    public static Slot Of(JsonNode? value) => new(true, value);

    public static Slot In(JsonObject? map, string key) =>
        map is not null && map.TryGetPropertyValue(key, out var value) ? new Slot(true, value) : Absent;

    /// <summary>Absent, null, or an empty list or map: what the real walkers treat as "nothing to descend into".</summary>
    public bool IsEmpty => !Present || Value is null || Value is JsonArray { Count: 0 } || Value is JsonObject { Count: 0 };
}
