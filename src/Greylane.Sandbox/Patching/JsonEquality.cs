using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>JSON value equality as RFC 6902 "test" defines it: numbers by value, objects regardless of member order.</summary>
internal static class JsonEquality
{
    public static bool Equal(JsonNode? left, JsonNode? right) => (left, right) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (JsonObject l, JsonObject r) => l.Count == r.Count && l.All(p => r.TryGetPropertyValue(p.Key, out var v) && Equal(p.Value, v)),
        (JsonArray l, JsonArray r) => l.Count == r.Count && l.Zip(r).All(p => Equal(p.First, p.Second)),
        (JsonValue l, JsonValue r) => ValuesEqual(l, r),
        _ => false,
    };

    private static bool ValuesEqual(JsonValue left, JsonValue right)
    {
        var (lk, rk) = (left.GetValueKind(), right.GetValueKind());
        if (lk != rk)
            return false;
        return lk switch
        {
            JsonValueKind.String => left.GetValue<string>() == right.GetValue<string>(),
            JsonValueKind.Number => NumbersEqual(left, right),
            _ => true,
        };
    }

    private static bool NumbersEqual(JsonValue left, JsonValue right)
    {
        var (l, r) = (left.ToJsonString(), right.ToJsonString());
        return l == r || (decimal.TryParse(l, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var a)
            && decimal.TryParse(r, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var b)
            && a == b);
    }
}
