namespace Greylane.Sandbox.Apply;

/// <summary>What a <see cref="PathElement"/> selects, in structured-merge-diff's sort order.</summary>
internal enum PathElementKind
{
    /// <summary>A field of a map or struct (<c>f:name</c>).</summary>
    Field,

    /// <summary>An item of a list-map, by its key fields (<c>k:{"name":"app"}</c>).</summary>
    Key,

    /// <summary>An item of a set, by its value (<c>v:"x"</c>).</summary>
    Value,

    /// <summary>An item of a list by position (<c>i:0</c>).</summary>
    Index,
}
