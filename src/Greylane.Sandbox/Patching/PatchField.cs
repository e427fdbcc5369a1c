namespace Greylane.Sandbox.Patching;

/// <summary>
/// What the Go struct tags of a Kubernetes API field say about strategic merge: the field's own type (for nested
/// lookups), whether a list merges (<c>patchStrategy:"merge"</c>) and by which <c>patchMergeKey</c>.
/// A field not in the schema is <see cref="Unknown"/>: maps merge recursively and lists are replaced.
/// </summary>
internal sealed record PatchField(string? Type, bool MergeList = false, string? MergeKey = null)
{
    public static PatchField Unknown { get; } = new((string?)null);
}
