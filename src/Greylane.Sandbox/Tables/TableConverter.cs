using System.Text.Json.Nodes;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Primitives;

namespace Greylane.Sandbox.Tables;

/// <summary>Server-side printing: the meta.k8s.io/v1 <c>Table</c> that <c>kubectl get</c> asks for and prints as is.</summary>
internal sealed class TableConverter(ResourceRegistry registry, TimeProvider clock)
{
    /// <summary>True when the client asks for a Table (<c>Accept: application/json;as=Table;v=v1;g=meta.k8s.io</c>).</summary>
    public static bool Wanted(StringValues accept) =>
        accept.Any(a => a?.Contains("as=Table", StringComparison.Ordinal) == true && a.Contains("g=meta.k8s.io", StringComparison.Ordinal));

    public JsonObject Convert(ResourceType type, JsonObject body, bool isList, string includeObject)
    {
        var columns = Columns(type);
        var items = isList ? (body["items"] as JsonArray ?? []).OfType<JsonObject>().ToList() : [body];
        var rows = new JsonArray();
        foreach (var item in items)
        {
            var row = new JsonObject { ["cells"] = new JsonArray([.. columns.Select(c => c.Cell(item))]) };
            var rowObject = RowObject(item, includeObject);
            if (rowObject is not null)
            {
                row["object"] = rowObject;
            }

            rows.Add(row);
        }

        var meta = new JsonObject();
        if (isList)
        {
            meta = (JsonObject)body["metadata"]!.DeepClone();
        }
        else if (body.ResourceVersion() is { } rv)
        {
            meta["resourceVersion"] = rv;
        }

        return new JsonObject
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = meta,
            ["columnDefinitions"] = new JsonArray([.. columns.Select(c => (JsonNode)c.Definition())]),
            ["rows"] = rows,
        };
    }

    private IReadOnlyList<TableColumn> Columns(ResourceType type)
    {
        if (BuiltInColumns.For(type, Age) is { } builtIn)
        {
            return builtIn;
        }

        if (registry.Custom(type) is { } custom)
        {
            // A CRD's table is Name plus its printer columns (Age alone when it has none); date cells print as ages.
            return custom.Columns.Count == 0
                ? [BuiltInColumns.Name(), BuiltInColumns.Age(Age)]
                : [BuiltInColumns.Name(), .. custom.Columns.Select(c => new TableColumn(c.Name, c.Type, "", c.Priority, o => c.Type == "date" ? AgeOf(c.Read(o)) : c.Read(o)))];
        }

        return [BuiltInColumns.Name(), new TableColumn("Created At", "date", "", 0, o => o.MetaString("creationTimestamp"))];
    }

    private JsonNode? Age(JsonObject obj) => AgeOf(obj.MetaString("creationTimestamp"));

    private JsonNode? AgeOf(JsonNode? timestamp) =>
        timestamp is JsonValue v && v.TryGetValue(out string? text) ? AgeOf(text) : null;

    private JsonNode AgeOf(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var created)
            ? HumanDuration.Format(clock.GetUtcNow() - created)
            : "<unknown>";

    private static JsonObject? RowObject(JsonObject item, string includeObject) => includeObject switch
    {
        "None" => null,
        "Object" => item,
        _ => new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = item["metadata"]?.DeepClone(),
        },
    };
}
