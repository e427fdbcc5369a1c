using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>Names one stored object; equal when group, resource, namespace and name are equal.</summary>
internal readonly record struct ObjectRef(ResourceType Type, string Namespace, string Name)
{
    public bool Equals(ObjectRef other) =>
        Type.Group == other.Type.Group && Type.Plural == other.Type.Plural && Namespace == other.Namespace && Name == other.Name;

    public override int GetHashCode() => HashCode.Combine(Type.Group, Type.Plural, Namespace, Name);

    public override string ToString() => $"{Type.Plural}/{Namespace}/{Name}";

    public static bool SameType(ResourceType a, ResourceType b) => a.Group == b.Group && a.Plural == b.Plural;
}
