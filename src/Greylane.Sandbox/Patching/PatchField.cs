using Greylane.Sandbox.Apply;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// What the Kubernetes API says about a field, for both kinds of server-side merge. Strategic merge reads the Go struct
/// tags: the field's own type (for nested lookups), whether a list merges (<c>patchStrategy:"merge"</c>) and by which
/// <c>patchMergeKey</c>. Server-side apply reads the OpenAPI extensions: <see cref="List"/> and <see cref="ListKeys"/>
/// (<c>x-kubernetes-list-type</c>, <c>x-kubernetes-list-map-keys</c>), <see cref="IsMap"/> for maps from arbitrary keys
/// (labels, data), <see cref="AtomicMap"/> (<c>x-kubernetes-map-type: atomic</c>) and <see cref="Zero"/> for non-pointer
/// structs (<c>default: {}</c> in the schema). A field not in the schema is <see cref="Unknown"/>: maps merge
/// recursively and lists are replaced (atomic).
/// </summary>
internal sealed record PatchField(string? Type, bool MergeList = false, string? MergeKey = null)
{
    public static PatchField Unknown { get; } = new((string?)null);

    /// <summary>How server-side apply merges the list; lists are atomic unless the schema says otherwise.</summary>
    public ListKind List { get; init; }

    /// <summary>The key fields of a list-map.</summary>
    public IReadOnlyList<string> ListKeys { get; init; } = [];

    /// <summary>A map from arbitrary keys to values of <see cref="Type"/> (a scalar when null), not a struct.</summary>
    public bool IsMap { get; init; }

    /// <summary>The map (or struct) is replaced and owned as a whole.</summary>
    public bool AtomicMap { get; init; }

    /// <summary>A non-pointer struct: present as <c>{}</c> in Go's zero value of its parent.</summary>
    public bool Zero { get; init; }

    /// <summary>A list without <c>omitempty</c>: present as null in Go's zero value of its parent (a pod's containers).</summary>
    public bool NullInZero { get; init; }
}
