using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>An object's <c>metadata.managedFields</c> decoded: each manager's set, and when it last changed something.</summary>
internal sealed class ManagedFields
{
    public Dictionary<string, ManagedSet> Sets { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, string?> Times { get; } = new(StringComparer.Ordinal);

    public bool IsEmpty => Sets.Count == 0;

    /// <summary>Decodes the entries; a malformed entry fails the whole list, as in the real decoder.</summary>
    public static ManagedFields Decode(JsonNode? entries)
    {
        var managed = new ManagedFields();
        if (entries is null)
            return managed;
        if (entries is not JsonArray list)
            throw new FormatException("metadata.managedFields must be a list");
        for (var i = 0; i < list.Count; i++)
        {
            var entry = list[i] as JsonObject ?? throw new FormatException($"managed fields entry {i} must be an object");
            var operation = Text(entry, "operation");
            if (operation is not (ManagerId.Apply or ManagerId.Update))
                throw new FormatException("operation must be `Apply` or `Update`");
            var apiVersion = Text(entry, "apiVersion") ?? "";
            if (apiVersion.Length == 0)
                throw new FormatException("apiVersion must not be empty");
            switch (Text(entry, "fieldsType"))
            {
                case "FieldsV1":
                    break;
                case null or "":
                    throw new FormatException($"missing fieldsType in managed fields entry {i}");
                case var other:
                    throw new FormatException($"invalid fieldsType \"{other}\" in managed fields entry {i}");
            }

            var id = ManagerId.Build(Text(entry, "manager") ?? "", operation, apiVersion, Text(entry, "subresource"));
            managed.Sets[id] = new ManagedSet(FieldsV1.Decode(entry["fieldsV1"]), apiVersion, operation == ManagerId.Apply);
            managed.Times[id] = Text(entry, "time");
        }

        return managed;
    }

    /// <summary>The entries in the real server's order: appliers first, then by time, manager, version, subresource.</summary>
    public JsonArray Encode()
    {
        var entries = Sets.Select(pair =>
        {
            var id = ManagerId.Parse(pair.Key);
            var entry = new JsonObject
            {
                ["manager"] = id.Manager,
                ["operation"] = pair.Value.Applied ? ManagerId.Apply : ManagerId.Update,
                ["apiVersion"] = pair.Value.ApiVersion,
            };
            if (Times.GetValueOrDefault(pair.Key) is { } time)
                entry["time"] = time;
            entry["fieldsType"] = "FieldsV1";
            entry["fieldsV1"] = FieldsV1.Encode(pair.Value.Set);
            if (id.Subresource is { Length: > 0 } sub)
                entry["subresource"] = sub;
            return entry;
        });
        return [.. entries
            .OrderBy(e => (string)e["operation"]!, StringComparer.Ordinal)
            .ThenBy(e => (string?)e["time"] ?? "", StringComparer.Ordinal)
            .ThenBy(e => (string)e["manager"]!, StringComparer.Ordinal)
            .ThenBy(e => (string)e["apiVersion"]!, StringComparer.Ordinal)
            .ThenBy(e => (string?)e["subresource"] ?? "", StringComparer.Ordinal)];
    }

    private static string? Text(JsonObject entry, string field) =>
        entry[field] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
