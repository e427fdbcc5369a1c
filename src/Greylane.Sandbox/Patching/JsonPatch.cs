using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>RFC 6902 JSON Patch (<c>application/json-patch+json</c>): all operations apply, or none.</summary>
public static class JsonPatch
{
    /// <summary>
    /// Applies the operations to a copy of <paramref name="target"/> and returns it; the input is never changed.
    /// Throws <see cref="PatchException"/>: 400 for a malformed operation, 422 for a failed test or a missing path.
    /// </summary>
    public static JsonNode Apply(JsonNode target, JsonArray operations)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(operations);
        JsonNode document = target.DeepClone();
        foreach (var node in operations)
        {
            if (node is not JsonObject operation)
                throw PatchException.BadRequest($"json: cannot unmarshal {Describe(node)} into Go value of type jsonpatch.Operation");
            document = ApplyOne(document, operation);
        }

        return document;
    }

    private static JsonNode ApplyOne(JsonNode document, JsonObject operation)
    {
        var op = operation["op"] is JsonValue o && o.TryGetValue<string>(out var text) ? text : null;
        var path = JsonPointer.Parse(RequiredString(operation, "path", op));
        return op switch
        {
            "add" => Add(document, path, RequiredValue(operation, op)),
            "remove" => Remove(document, path, out _),
            "replace" => Replace(document, path, RequiredValue(operation, op)),
            "move" => Move(document, JsonPointer.Parse(RequiredString(operation, "from", op)), path),
            "copy" => Copy(document, JsonPointer.Parse(RequiredString(operation, "from", op)), path),
            "test" => Test(document, path, RequiredValue(operation, op)),
            null => throw PatchException.BadRequest("json patch operation is missing \"op\": each operation needs one of add, remove, replace, move, copy, test"),
            _ => throw PatchException.Unprocessable($"Unexpected kind: {op}"),
        };
    }

    private static JsonNode Add(JsonNode document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
            return value ?? throw PatchException.Unprocessable("add operation cannot replace the whole document with null");
        switch (path.Parent(document))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array when path.Last == "-":
                array.Add(value);
                break;
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count, out var index):
                array.Insert(index, value);
                break;
            case JsonArray:
                throw PatchException.Unprocessable($"Unable to access invalid index: {path.Last}: invalid index referenced");
            default:
                throw PatchException.Unprocessable($"add operation does not apply: doc is missing path: \"{path.Text}\": missing value");
        }

        return document;
    }

    private static JsonNode Remove(JsonNode document, JsonPointer path, out JsonNode? removed)
    {
        if (path.IsRoot)
            throw PatchException.Unprocessable("remove operation cannot remove the whole document");
        switch (path.Parent(document))
        {
            case JsonObject obj when obj.TryGetPropertyValue(path.Last, out removed):
                obj.Remove(path.Last);
                return document;
            case JsonObject:
                throw PatchException.Unprocessable($"Unable to remove nonexistent key: {path.Last}: missing value");
            case JsonArray array when JsonPointer.TryIndex(path.Last, array.Count - 1, out var index):
                removed = array[index];
                array.RemoveAt(index);
                return document;
            case JsonArray:
                throw PatchException.Unprocessable($"Unable to access invalid index: {path.Last}: invalid index referenced");
            default:
                throw PatchException.Unprocessable($"remove operation does not apply: doc is missing path: \"{path.Text}\": missing value");
        }
    }

    private static JsonNode Replace(JsonNode document, JsonPointer path, JsonNode? value)
    {
        if (path.IsRoot)
            return value ?? throw PatchException.Unprocessable("replace operation cannot replace the whole document with null");
        path.Resolve(document, out var found);
        if (!found)
            throw PatchException.Unprocessable($"replace operation does not apply: doc is missing key: {path.Text}: missing value");
        switch (path.Parent(document))
        {
            case JsonObject obj:
                obj[path.Last] = value;
                break;
            case JsonArray array:
                JsonPointer.TryIndex(path.Last, array.Count - 1, out var index);
                array[index] = value;
                break;
        }

        return document;
    }

    private static JsonNode Move(JsonNode document, JsonPointer from, JsonPointer path)
    {
        if (from.IsProperPrefixOf(path))
            throw PatchException.Unprocessable($"move operation cannot move \"{from.Text}\" into its own child \"{path.Text}\"");
        from.Resolve(document, out var found);
        if (!found)
            throw PatchException.Unprocessable($"move operation does not apply: doc is missing from path: \"{from.Text}\": missing value");
        if (from.Text == path.Text)
            return document;
        document = Remove(document, from, out var value);
        return Add(document, path, value);
    }

    private static JsonNode Copy(JsonNode document, JsonPointer from, JsonPointer path)
    {
        var value = from.Resolve(document, out var found);
        return found
            ? Add(document, path, value?.DeepClone())
            : throw PatchException.Unprocessable($"copy operation does not apply: doc is missing from path: \"{from.Text}\": missing value");
    }

    private static JsonNode Test(JsonNode document, JsonPointer path, JsonNode? expected)
    {
        var actual = path.Resolve(document, out var found);
        return found && JsonEquality.Equal(actual, expected)
            ? document
            : throw PatchException.Unprocessable($"testing value {path.Text} failed: test failed");
    }

    private static string RequiredString(JsonObject operation, string member, string? op) =>
        operation[member] is JsonValue v && v.TryGetValue<string>(out var text)
            ? text
            : throw PatchException.BadRequest($"json patch {op ?? "operation"} operation is missing the string \"{member}\" member");

    // "value" may be JSON null, but must be present.
    private static JsonNode? RequiredValue(JsonObject operation, string op) =>
        operation.TryGetPropertyValue("value", out var value)
            ? value?.DeepClone()
            : throw PatchException.BadRequest($"json patch {op} operation is missing \"value\"");

    private static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonArray => "array",
        _ => node.GetValueKind().ToString().ToLowerInvariant(),
    };
}
