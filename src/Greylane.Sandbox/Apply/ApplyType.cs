using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// The server-side apply view of a field's type (structured-merge-diff's schema atom): a leaf, a list (atomic, set or
/// map by keys) or a map (granular or atomic). <see cref="Deduced"/> is the untyped schema the real server uses for
/// custom resources without one: maps granular, lists atomic.
/// </summary>
internal abstract class ApplyType
{
    /// <summary>A scalar, or anything owned as a whole.</summary>
    public static ApplyType Leaf { get; } = new LeafShape();

    /// <summary>structured-merge-diff's <c>__untyped_deduced_</c>: the shape follows the value.</summary>
    public static ApplyType Deduced { get; } = new DeducedType(undeclared: true);

    /// <summary>A struct of a built-in type the sandbox has no table entry for: fields by name, lists atomic.</summary>
    public static ApplyType OpenStruct { get; } = new DeducedType(undeclared: false);

    /// <summary>The concrete shape for <paramref name="value"/>: the declared one when the value fits it, else a leaf.</summary>
    public abstract ApplyType For(JsonNode? value);

    /// <summary>The map view of this type when no value is at hand (walking a field set), or null.</summary>
    public virtual MapShape? MapView => null;

    /// <summary>The list view of this type when no value is at hand, or null.</summary>
    public virtual ListShape? ListView => null;

    private sealed class LeafShape : ApplyType
    {
        public override ApplyType For(JsonNode? value) => this;
    }

    // Typeless: objects are granular maps (their keys either map keys or struct fields), arrays atomic lists.
    private sealed class DeducedType(bool undeclared) : ApplyType
    {
        private MapShape? _map;
        private ListShape? _list;

        public override MapShape MapView => _map ??= new MapShape(atomic: false, _ => new Member(this, Declared: !undeclared, Zero: Slot.Absent));

        public override ListShape ListView => _list ??= new ListShape(this, ListKind.Atomic, [], _ => null);

        public override ApplyType For(JsonNode? value) => value switch
        {
            JsonObject => MapView,
            JsonArray => ListView,
            _ => Leaf,
        };
    }
}
