using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>A map or struct: granular (each key owned on its own) or atomic (<c>x-kubernetes-map-type: atomic</c>).</summary>
internal sealed class MapShape(bool atomic, Func<string, Member> member) : ApplyType
{
    public bool Atomic { get; } = atomic;

    public Member Field(string name) => member(name);

    public override MapShape MapView => this;

    public override ApplyType For(JsonNode? value) => value is null or JsonObject ? this : Leaf;
}
