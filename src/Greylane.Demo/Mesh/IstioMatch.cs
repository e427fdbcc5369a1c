using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Greylane.Demo.Mesh;

/// <summary>
/// Istio's <c>HTTPMatchRequest</c> for what the demo sends: <c>headers</c>, <c>queryParams</c> and <c>uri</c> with
/// <c>exact</c>, <c>prefix</c> or <c>regex</c> (a full match, as RE2 in Envoy). A route matches when it has no
/// <c>match</c> or any of its entries matches; inside an entry every condition must hold.
/// </summary>
internal static class IstioMatch
{
    public static bool Route(JsonObject route, Func<string, string?> header, Func<string, string?> query, string path)
    {
        var matches = route["match"]?.AsArray();
        return matches is null || matches.Count == 0 || matches.Any(m => m is JsonObject entry && Entry(entry, header, query, path));
    }

    private static bool Entry(JsonObject entry, Func<string, string?> header, Func<string, string?> query, string path) =>
        Conditions(entry["headers"], header)
        && Conditions(entry["queryParams"], query)
        && (entry["uri"] is not JsonObject uri || String(uri, path));

    private static bool Conditions(JsonNode? conditions, Func<string, string?> read) =>
        conditions is not JsonObject map
        || map.All(pair => read(pair.Key) is { } value && pair.Value is JsonObject condition && String(condition, value));

    private static bool String(JsonObject condition, string value) =>
        condition["exact"] is { } exact ? value == exact.GetValue<string>()
        : condition["prefix"] is { } prefix ? value.StartsWith(prefix.GetValue<string>(), StringComparison.Ordinal)
        : condition["regex"] is not { } regex || Regex.IsMatch(value, $"^(?:{regex.GetValue<string>()})$", RegexOptions.None, TimeSpan.FromSeconds(1));
}
