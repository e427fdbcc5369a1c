using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// Server-side apply types of the built-in kinds, read from <see cref="PatchSchema"/>'s table (one table for both
/// merges). Fields the table does not name are struct fields whose objects are structs and whose lists are atomic,
/// which is what the real OpenAPI says for nearly all of them.
/// </summary>
internal static class BuiltInShapes
{
    private static readonly ConcurrentDictionary<string, ApplyType> Structs = new(StringComparer.Ordinal);

    public static ApplyType For(ResourceType type) => Struct(PatchSchema.RootType(type));

    private static ApplyType Struct(string? name) => name is null
        ? ApplyType.OpenStruct
        : Structs.GetOrAdd(name, n => new MapShape(PatchSchema.IsAtomic(n), field => MemberOf(n, field)));

    private static Member MemberOf(string type, string field)
    {
        var meta = PatchSchema.Lookup(type, field);
        if (ReferenceEquals(meta, PatchField.Unknown))
            return new Member(ApplyType.OpenStruct, Declared: true, Zero: Slot.Absent);
        ApplyType shape;
        if (meta.IsMap)
        {
            var element = meta.Type is null ? ApplyType.Leaf : Struct(meta.Type);
            shape = new MapShape(meta.AtomicMap, _ => new Member(element, Declared: false, Zero: Slot.Absent));
        }
        else if (meta.List != ListKind.Atomic)
        {
            var element = meta.Type is not null ? Struct(meta.Type) : meta.List == ListKind.Set ? ApplyType.Leaf : ApplyType.OpenStruct;
            shape = new ListShape(element, meta.List, meta.ListKeys, key => PatchSchema.KeyDefault(meta.Type, key) is { } text ? JsonValue.Create(text) : null);
        }
        else
        {
            shape = Struct(meta.Type);
        }

        return new Member(shape, Declared: true, Zero: meta.Zero ? Slot.Of(new JsonObject()) : meta.NullInZero ? Slot.Of(null) : Slot.Absent);
    }
}
