using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Api;

/// <summary>A CRD <c>additionalPrinterColumns</c> entry: header, type and the simple JSONPath of its value.</summary>
internal sealed record PrinterColumn(string Name, string Type, string JsonPath, int Priority)
{
    public static PrinterColumn FromCrd(JsonObject column) => new(
        column["name"]?.GetValue<string>() ?? "",
        column["type"]?.GetValue<string>() ?? "string",
        column["jsonPath"]?.GetValue<string>() ?? "",
        (int)(Storage.JsonNumbers.AsLong(column["priority"]) ?? 0));

    /// <summary>The value at a dotted path such as <c>.spec.hosts</c> (arrays print as JSON, as kubectl shows them).</summary>
    public JsonNode? Read(JsonObject obj)
    {
        JsonNode? node = obj;
        foreach (var part in JsonPath.TrimStart('.').Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node is JsonObject o ? o[part] : null;
        }

        return node switch
        {
            null => null,
            JsonValue v => v.DeepClone(),
            _ => node.ToJsonString(),
        };
    }
}
