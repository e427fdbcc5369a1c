using System.Text.Json.Nodes;

namespace Greylane.Manifests.Rendering.Tests;

/// <summary>Lenient reads of rendered values: a wrong type reads as absent, so the check reports it instead of throwing.</summary>
internal static class ManifestJson
{
    public static long? Whole(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<long>(out var whole) ? whole : null;

    public static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static bool? Flag(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<bool>(out var flag) ? flag : null;
}
