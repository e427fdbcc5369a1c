using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Tables;

/// <summary>One column of a server-side <c>Table</c>: its definition and how a row's cell is computed.</summary>
internal sealed record TableColumn(string Name, string Type, string Format, int Priority, Func<JsonObject, JsonNode?> Cell)
{
    public JsonObject Definition() => new()
    {
        ["name"] = Name,
        ["type"] = Type,
        ["format"] = Format,
        ["description"] = Name,
        ["priority"] = Priority,
    };
}
