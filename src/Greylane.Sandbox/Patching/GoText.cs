using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>Prints a JSON value as Go's <c>%v</c> prints the decoded value, so error messages read like apimachinery's.</summary>
internal static class GoText
{
    public static string Of(JsonNode? node) => node switch
    {
        null => "<nil>",
        JsonObject obj => "map[" + string.Join(' ', obj.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{Of(p.Value)}")) + "]",
        JsonArray array => "[" + string.Join(' ', array.Select(Of)) + "]",
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.Number => value.TryGetValue<double>(out var d) ? d.ToString(CultureInfo.InvariantCulture) : value.ToJsonString(),
            _ => value.ToJsonString(),
        },
        _ => node.ToJsonString(),
    };
}
