using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>A list: its item type, how it merges, and for a list-map its key fields and their defaults.</summary>
internal sealed class ListShape(ApplyType element, ListKind kind, IReadOnlyList<string> keys, Func<string, JsonNode?> keyDefault) : ApplyType
{
    public ApplyType Element { get; } = element;

    public ListKind Kind { get; } = kind;

    public IReadOnlyList<string> Keys { get; } = keys;

    /// <summary>The schema default of a key field, used when an item omits it (e.g. a port's protocol: TCP).</summary>
    public JsonNode? KeyDefault(string field) => keyDefault(field);

    public override ListShape ListView => this;

    public override ApplyType For(JsonNode? value) => value is null or JsonArray ? this : Leaf;
}
