using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>intstr.GetScaledValueFromIntOrPercent: an int as is, "N%" of a total rounded up or down.</summary>
internal static class IntOrPercent
{
    public static int Scaled(JsonNode? value, string fallback, int total, bool roundUp)
    {
        if (value is JsonValue v && v.TryGetValue<int>(out var plain))
        {
            return plain;
        }

        var text = value is JsonValue s && s.TryGetValue<string>(out var str) ? str : fallback;
        if (text.EndsWith('%') && int.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var percent))
        {
            var exact = percent * (double)total / 100;
            return (int)(roundUp ? Math.Ceiling(exact) : Math.Floor(exact));
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : Scaled(null, fallback, total, roundUp);
    }
}
