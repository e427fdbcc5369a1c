namespace Greylane.Sandbox.Storage;

/// <summary>Orders objects by namespace, then name, ordinally: the order kube-apiserver lists them in (etcd key order).</summary>
internal sealed class ObjectKeyComparer : IComparer<(string Namespace, string Name)>
{
    public static ObjectKeyComparer Instance { get; } = new();

    public int Compare((string Namespace, string Name) x, (string Namespace, string Name) y)
    {
        var byNamespace = string.CompareOrdinal(x.Namespace, y.Namespace);
        return byNamespace != 0 ? byNamespace : string.CompareOrdinal(x.Name, y.Name);
    }
}
