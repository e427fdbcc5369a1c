using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// Server-side apply types of a custom resource, from its CRD version's <c>openAPIV3Schema</c> as apiextensions-apiserver
/// builds them: <c>properties</c> are struct fields, <c>additionalProperties</c> a map, <c>x-kubernetes-map-type</c>,
/// <c>x-kubernetes-list-type</c> and <c>x-kubernetes-list-map-keys</c> (with the keys' defaults) as declared, lists
/// atomic otherwise. Without a schema, or under <c>x-kubernetes-preserve-unknown-fields</c>, values are typed by their
/// shape (the real server's deduced type: maps granular, lists atomic). <c>metadata</c> is always ObjectMeta.
/// </summary>
internal static class CrdShapes
{
    private static readonly ApplyType ObjectMeta = BuiltInShapes.For(Storage.BuiltInResources.ConfigMaps).MapView!.Field("metadata").Type;

    public static ApplyType For(JsonObject? schema)
    {
        var root = schema is null ? null : Node(schema);
        return new MapShape(atomic: false, field => field switch
        {
            "metadata" => new Member(ObjectMeta, Declared: true, Zero: Slot.Absent),
            "apiVersion" or "kind" => new Member(ApplyType.Leaf, Declared: true, Zero: Slot.Absent),
            _ when root?.MapView is { } map => map.Field(field),
            _ => new Member(ApplyType.Deduced, Declared: false, Zero: Slot.Absent),
        });
    }

    private static ApplyType Node(JsonObject schema)
    {
        if (Flag(schema, "x-kubernetes-int-or-string"))
            return ApplyType.Leaf;
        var type = Text(schema, "type");
        var properties = schema["properties"] as JsonObject;
        var additional = schema["additionalProperties"];
        if (type == "array")
            return List(schema);
        if (type == "object" || properties is not null || additional is not null)
        {
            var atomic = Text(schema, "x-kubernetes-map-type") == "atomic";
            var fields = (properties ?? []).Where(p => p.Value is JsonObject)
                .ToDictionary(p => p.Key, p => new Lazy<ApplyType>(() => Node((JsonObject)p.Value!)), StringComparer.Ordinal);
            var element = additional is JsonObject items ? new Lazy<ApplyType>(() => Node(items)) : new Lazy<ApplyType>(ApplyType.Deduced);
            return new MapShape(atomic, field => fields.TryGetValue(field, out var declared)
                ? new Member(declared.Value, Declared: true, Zero: Slot.Absent)
                : new Member(element.Value, Declared: false, Zero: Slot.Absent));
        }

        return type is null ? ApplyType.Deduced : ApplyType.Leaf;
    }

    private static ApplyType List(JsonObject schema)
    {
        var items = schema["items"] as JsonObject;
        var element = items is null ? ApplyType.Deduced : Node(items);
        var kind = Text(schema, "x-kubernetes-list-type") switch
        {
            "set" => ListKind.Set,
            "map" => ListKind.Map,
            _ => ListKind.Atomic,
        };
        var keys = kind == ListKind.Map
            ? (schema["x-kubernetes-list-map-keys"] as JsonArray ?? []).Select(k => k?.ToString() ?? "").Where(k => k.Length > 0).ToList()
            : [];
        return new ListShape(element, kind, keys, key => items?["properties"]?[key]?["default"]?.DeepClone());
    }

    private static string? Text(JsonObject schema, string field) =>
        schema[field] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    private static bool Flag(JsonObject schema, string field) =>
        schema[field] is JsonValue v && v.TryGetValue(out bool b) && b;
}
