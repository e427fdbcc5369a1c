using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// The merge facts of the built-in types the sandbox serves, transcribed by hand from k8s.io/api: the
/// <c>patchStrategy</c>/<c>patchMergeKey</c> tags strategic merge reads, and the OpenAPI extensions server-side apply
/// reads (<c>x-kubernetes-list-type</c> and keys, map types, non-pointer structs). Lists not named here are atomic
/// (replaced) in both, as in the real types (tolerations, envFrom, command, args, readinessGates, finalizers of a
/// NamespaceSpec...); structs not named here are treated field by field. The table is in PatchSchema.Types.cs.
/// </summary>
internal static partial class PatchSchema
{
    /// <summary>The API groups compiled into kube-apiserver; any other group is a custom resource.</summary>
    private static readonly HashSet<string> BuiltInGroups = new(StringComparer.Ordinal)
    {
        "", "apps", "batch", "autoscaling", "policy", "networking.k8s.io", "rbac.authorization.k8s.io", "storage.k8s.io",
        "coordination.k8s.io", "events.k8s.io", "admissionregistration.k8s.io", "apiextensions.k8s.io", "apiregistration.k8s.io",
        "discovery.k8s.io", "scheduling.k8s.io", "node.k8s.io", "certificates.k8s.io", "authentication.k8s.io",
        "authorization.k8s.io", "flowcontrol.apiserver.k8s.io", "resource.k8s.io", "storagemigration.k8s.io",
        "internal.apiserver.k8s.io",
    };

    /// <summary>Whether kube-apiserver serves this group from compiled-in types (and so accepts strategic merge).</summary>
    public static bool IsBuiltIn(ResourceType type) => BuiltInGroups.Contains(type.Group);

    /// <summary>The schema name for an object of this kind (kinds without list strategies beyond metadata share "Object").</summary>
    public static string RootType(ResourceType type) => Types.ContainsKey(type.Kind) ? type.Kind : "Object";

    /// <summary>The field's strategy inside <paramref name="type"/>; <see cref="PatchField.Unknown"/> when not declared.</summary>
    public static PatchField Lookup(string? type, string field) =>
        type is not null && Types.TryGetValue(type, out var fields) && fields.TryGetValue(field, out var meta) ? meta : PatchField.Unknown;

    /// <summary>Whether the named struct is owned as a whole by server-side apply (<c>x-kubernetes-map-type: atomic</c>).</summary>
    public static bool IsAtomic(string type) => AtomicTypes.Contains(type);

    /// <summary>The schema default of a list-map key field (a port's protocol is TCP), or null.</summary>
    public static string? KeyDefault(string? type, string field) =>
        type is not null && KeyDefaults.TryGetValue((type, field), out var value) ? value : null;
}
