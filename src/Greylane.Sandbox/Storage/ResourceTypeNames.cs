namespace Greylane.Sandbox.Storage;

/// <summary>The names kube-apiserver uses for a resource in keys and error messages.</summary>
public static class ResourceTypeNames
{
    /// <summary>Storage identity: group and plural (all versions of a resource share one store, as in etcd).</summary>
    public static string StorageKey(this ResourceType type) => $"{type.Group}/{type.Plural}";

    /// <summary><c>deployments.apps</c> or <c>configmaps</c>: the resource as error messages name it.</summary>
    public static string QualifiedResource(this ResourceType type) =>
        type.Group.Length == 0 ? type.Plural : $"{type.Plural}.{type.Group}";

    /// <summary><c>Deployment.apps</c> or <c>ConfigMap</c>: the kind as Invalid messages name it.</summary>
    public static string QualifiedKind(this ResourceType type) =>
        type.Group.Length == 0 ? type.Kind : $"{type.Kind}.{type.Group}";
}
