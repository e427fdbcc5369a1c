namespace Greylane.Sandbox.Apply;

/// <summary>What changed between two objects, field by field (structured-merge-diff's <c>typed.Comparison</c>).</summary>
internal sealed record Comparison(FieldSet Added, FieldSet Modified, FieldSet Removed)
{
    public bool IsSame => Added.IsEmpty && Modified.IsEmpty && Removed.IsEmpty;

    /// <summary>The comparison without the fields <paramref name="filter"/> drops (the reset fields of a subresource).</summary>
    public Comparison Filter(Func<FieldSet, FieldSet> filter) => new(filter(Added), filter(Modified), filter(Removed));
}
