using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// A managedFields entry's identity, as <c>BuildManagerIdentifier</c> makes it: the entry without time and fields as
/// JSON, and without the API version for appliers (so an applier is one manager whatever version it applies at).
/// </summary>
internal sealed record ManagerId(string Manager, string Operation, string? ApiVersion, string? Subresource)
{
    public const string Apply = "Apply";
    public const string Update = "Update";

    public static string Build(string manager, string operation, string apiVersion, string? subresource)
    {
        var id = new JsonObject { ["manager"] = manager.Length == 0 ? "unknown" : manager, ["operation"] = operation };
        if (operation != Apply && apiVersion.Length > 0)
            id["apiVersion"] = apiVersion;
        if (!string.IsNullOrEmpty(subresource))
            id["subresource"] = subresource;
        return GoJsonInOrder(id);
    }

    public static ManagerId Parse(string id)
    {
        var json = JsonNode.Parse(id) as JsonObject ?? [];
        return new ManagerId(Text(json["manager"]) ?? "", Text(json["operation"]) ?? "", Text(json["apiVersion"]), Text(json["subresource"]));
    }

    /// <summary>As conflict messages print a manager: <c>"helm" using apps/v1</c>, <c>"kubectl"</c>, with its subresource.</summary>
    public static string Display(string id)
    {
        var parsed = Parse(id);
        var text = GoJson.Quote(parsed.Manager);
        if (parsed.Subresource is { Length: > 0 } sub)
            text += $" with subresource {GoJson.Quote(sub)}";
        return parsed.Operation == Update ? $"{text} using {parsed.ApiVersion}" : text;
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    // Go marshals struct fields in declaration order (manager, operation, apiVersion, ..., subresource).
    private static string GoJsonInOrder(JsonObject id) => id.ToJsonString();
}
