using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// The patch strategies of the built-in types the sandbox serves, transcribed from the <c>patchStrategy</c> and
/// <c>patchMergeKey</c> tags of k8s.io/api. Lists not named here are atomic (replaced), as in the real types
/// (tolerations, envFrom, command, args, readinessGates, finalizers of a NamespaceSpec...).
/// </summary>
internal static class PatchSchema
{
    private static readonly Dictionary<string, Dictionary<string, PatchField>> Types = new(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new()
        {
            ["finalizers"] = new(null, MergeList: true),
            ["ownerReferences"] = new(null, MergeList: true, MergeKey: "uid"),
        },
        ["Deployment"] = Root("DeploymentSpec", "DeploymentStatus"),
        ["DeploymentSpec"] = new() { ["template"] = new("PodTemplateSpec") },
        ["DeploymentStatus"] = Conditions(),
        ["ReplicaSet"] = Root("ReplicaSetSpec", "ReplicaSetStatus"),
        ["ReplicaSetSpec"] = new() { ["template"] = new("PodTemplateSpec") },
        ["ReplicaSetStatus"] = Conditions(),
        ["PodTemplateSpec"] = new() { ["metadata"] = new("ObjectMeta"), ["spec"] = new("PodSpec") },
        ["Pod"] = Root("PodSpec", "PodStatus"),
        ["PodSpec"] = new()
        {
            ["volumes"] = new(null, MergeList: true, MergeKey: "name"),
            ["initContainers"] = new("Container", MergeList: true, MergeKey: "name"),
            ["containers"] = new("Container", MergeList: true, MergeKey: "name"),
            ["ephemeralContainers"] = new("Container", MergeList: true, MergeKey: "name"),
            ["imagePullSecrets"] = new(null, MergeList: true, MergeKey: "name"),
            ["hostAliases"] = new(null, MergeList: true, MergeKey: "ip"),
            ["topologySpreadConstraints"] = new(null, MergeList: true, MergeKey: "topologyKey"),
            ["schedulingGates"] = new(null, MergeList: true, MergeKey: "name"),
            ["resourceClaims"] = new(null, MergeList: true, MergeKey: "name"),
        },
        ["Container"] = new()
        {
            ["ports"] = new(null, MergeList: true, MergeKey: "containerPort"),
            ["env"] = new(null, MergeList: true, MergeKey: "name"),
            ["volumeMounts"] = new(null, MergeList: true, MergeKey: "mountPath"),
            ["volumeDevices"] = new(null, MergeList: true, MergeKey: "devicePath"),
        },
        ["PodStatus"] = new()
        {
            ["conditions"] = new(null, MergeList: true, MergeKey: "type"),
            ["podIPs"] = new(null, MergeList: true, MergeKey: "ip"),
            ["hostIPs"] = new(null, MergeList: true, MergeKey: "ip"),
        },
        ["Service"] = Root("ServiceSpec", "ServiceStatus"),
        ["ServiceSpec"] = new() { ["ports"] = new(null, MergeList: true, MergeKey: "port") },
        ["ServiceStatus"] = Conditions(),
        ["Namespace"] = Root(null, "NamespaceStatus"),
        ["NamespaceStatus"] = Conditions(),
        ["ServiceAccount"] = new()
        {
            ["metadata"] = new("ObjectMeta"),
            ["secrets"] = new(null, MergeList: true, MergeKey: "name"),
        },
        ["MutatingWebhookConfiguration"] = new()
        {
            ["metadata"] = new("ObjectMeta"),
            ["webhooks"] = new(null, MergeList: true, MergeKey: "name"),
        },
        ["Object"] = new() { ["metadata"] = new("ObjectMeta") },
    };

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

    private static Dictionary<string, PatchField> Root(string? spec, string? status) => new()
    {
        ["metadata"] = new("ObjectMeta"),
        ["spec"] = new(spec),
        ["status"] = new(status),
    };

    private static Dictionary<string, PatchField> Conditions() => new()
    {
        ["conditions"] = new(null, MergeList: true, MergeKey: "type"),
    };
}
