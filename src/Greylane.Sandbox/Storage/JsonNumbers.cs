using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>
/// Reads whole numbers from JSON whatever their CLR backing: a parsed document holds a JsonElement, but code that
/// builds nodes holds an int or a long, and <c>TryGetValue&lt;long&gt;</c> refuses an int-backed value.
/// </summary>
public static class JsonNumbers
{
    /// <summary>The whole number at <paramref name="node"/>, or null when it is missing or not a whole number.</summary>
    public static long? AsLong(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number
        && long.TryParse(v.ToJsonString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n)
            ? n
            : null;
}
