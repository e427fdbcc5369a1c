namespace Greylane.Sandbox.Apply;

/// <summary><c>x-kubernetes-list-type</c>: how server-side apply merges and owns a list.</summary>
internal enum ListKind
{
    /// <summary>Replaced and owned as a whole (the default for lists).</summary>
    Atomic,

    /// <summary>Scalars merged as a set; each value owned on its own.</summary>
    Set,

    /// <summary>Maps merged by their key fields; each item owned on its own.</summary>
    Map,
}
