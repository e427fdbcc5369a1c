using Greylane.Sandbox.Apply;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// The table behind <see cref="PatchSchema"/>. Each list entry states both merges: strategic merge by its
/// <c>patchMergeKey</c>, server-side apply by its list-map keys (which can differ: a container port merges by
/// <c>containerPort</c> in strategic merge, by <c>containerPort</c> and <c>protocol</c> in server-side apply).
/// </summary>
internal static partial class PatchSchema
{
    private static readonly Dictionary<string, Dictionary<string, PatchField>> Types = new(StringComparer.Ordinal)
    {
        ["ObjectMeta"] = new()
        {
            ["finalizers"] = new(null, MergeList: true) { List = ListKind.Set },
            ["ownerReferences"] = Keyed("OwnerReference", "uid"),
            ["labels"] = MapOf(),
            ["annotations"] = MapOf(),
        },
        ["Deployment"] = Root("DeploymentSpec", "DeploymentStatus"),
        ["DeploymentSpec"] = new()
        {
            ["selector"] = new("LabelSelector"),
            ["strategy"] = Struct(null),
            ["template"] = Struct("PodTemplateSpec"),
        },
        ["DeploymentStatus"] = Conditions(),
        ["ReplicaSet"] = Root("ReplicaSetSpec", "ReplicaSetStatus"),
        ["ReplicaSetSpec"] = new() { ["selector"] = new("LabelSelector"), ["template"] = Struct("PodTemplateSpec") },
        ["ReplicaSetStatus"] = Conditions(),
        ["PodTemplateSpec"] = new() { ["metadata"] = Struct("ObjectMeta"), ["spec"] = Struct("PodSpec") },
        ["Pod"] = Root("PodSpec", "PodStatus"),
        ["PodSpec"] = new()
        {
            ["volumes"] = Keyed("Volume", "name"),
            ["initContainers"] = Keyed("Container", "name"),
            ["containers"] = Keyed("Container", "name") with { NullInZero = true },
            ["ephemeralContainers"] = Keyed("Container", "name"),
            ["imagePullSecrets"] = Keyed("LocalObjectReference", "name"),
            ["hostAliases"] = Keyed(null, "ip"),
            ["topologySpreadConstraints"] = Keyed(null, "topologyKey", "topologyKey", "whenUnsatisfiable"),
            ["schedulingGates"] = Keyed(null, "name"),
            ["resourceClaims"] = Keyed(null, "name"),
            ["nodeSelector"] = AtomicMapOf(),
            ["overhead"] = MapOf(),
            ["affinity"] = new("Affinity"),
            ["resources"] = new("ResourceRequirements"),
        },
        ["Affinity"] = new() { ["nodeAffinity"] = new("NodeAffinity") },
        ["NodeAffinity"] = new() { ["requiredDuringSchedulingIgnoredDuringExecution"] = new("NodeSelector") },
        ["Container"] = new()
        {
            ["ports"] = Keyed("ContainerPort", "containerPort", "containerPort", "protocol"),
            ["env"] = Keyed("EnvVar", "name"),
            ["volumeMounts"] = Keyed(null, "mountPath"),
            ["volumeDevices"] = Keyed(null, "devicePath"),
            ["resources"] = Struct("ResourceRequirements"),
        },
        ["EnvVar"] = new() { ["valueFrom"] = new("EnvVarSource") },
        ["EnvVarSource"] = new()
        {
            ["configMapKeyRef"] = new("ConfigMapKeySelector"),
            ["secretKeyRef"] = new("SecretKeySelector"),
            ["fieldRef"] = new("ObjectFieldSelector"),
            ["resourceFieldRef"] = new("ResourceFieldSelector"),
        },
        ["ResourceRequirements"] = new()
        {
            ["limits"] = MapOf(),
            ["requests"] = MapOf(),
            ["claims"] = new(null) { List = ListKind.Map, ListKeys = ["name"] },
        },
        ["Volume"] = new() { ["csi"] = new("CSIVolumeSource") },
        ["CSIVolumeSource"] = new() { ["volumeAttributes"] = MapOf(), ["nodePublishSecretRef"] = new("LocalObjectReference") },
        ["PodStatus"] = new()
        {
            ["conditions"] = Keyed(null, "type"),
            ["podIPs"] = Keyed(null, "ip"),
            // Strategic merge merges host IPs by ip; the OpenAPI schema makes the list atomic.
            ["hostIPs"] = new(null, MergeList: true, MergeKey: "ip"),
        },
        ["Service"] = Root("ServiceSpec", "ServiceStatus"),
        ["ServiceSpec"] = new()
        {
            ["ports"] = Keyed("ServicePort", "port", "port", "protocol"),
            ["selector"] = AtomicMapOf(),
        },
        ["ServiceStatus"] = new() { ["conditions"] = Keyed(null, "type"), ["loadBalancer"] = Struct(null) },
        ["Namespace"] = Root(null, "NamespaceStatus"),
        ["NamespaceStatus"] = Conditions(),
        ["ConfigMap"] = new() { ["metadata"] = Struct("ObjectMeta"), ["data"] = MapOf(), ["binaryData"] = MapOf() },
        ["Secret"] = new() { ["metadata"] = Struct("ObjectMeta"), ["data"] = MapOf(), ["stringData"] = MapOf() },
        ["ServiceAccount"] = new()
        {
            ["metadata"] = Struct("ObjectMeta"),
            ["secrets"] = Keyed("ObjectReference", "name"),
        },
        // core/v1 and events.k8s.io/v1 Events share the kind name; their fields do not overlap.
        ["Event"] = new()
        {
            ["metadata"] = Struct("ObjectMeta"),
            ["involvedObject"] = Struct("ObjectReference"),
            ["regarding"] = Struct("ObjectReference"),
            ["related"] = new("ObjectReference"),
            ["source"] = Struct(null),
            ["deprecatedSource"] = Struct(null),
        },
        ["Lease"] = new() { ["metadata"] = Struct("ObjectMeta"), ["spec"] = Struct(null) },
        ["MutatingWebhookConfiguration"] = new()
        {
            ["metadata"] = Struct("ObjectMeta"),
            ["webhooks"] = Keyed("MutatingWebhook", "name"),
        },
        ["MutatingWebhook"] = new()
        {
            ["clientConfig"] = Struct(null),
            ["matchConditions"] = Keyed(null, "name"),
            ["namespaceSelector"] = new("LabelSelector"),
            ["objectSelector"] = new("LabelSelector"),
        },
        ["ClusterRoleBinding"] = new() { ["metadata"] = Struct("ObjectMeta"), ["roleRef"] = Struct("RoleRef") },
        ["RoleBinding"] = new() { ["metadata"] = Struct("ObjectMeta"), ["roleRef"] = Struct("RoleRef") },
        ["PodDisruptionBudget"] = Root("PodDisruptionBudgetSpec", "PodDisruptionBudgetStatus"),
        ["PodDisruptionBudgetSpec"] = new() { ["selector"] = new("LabelSelector") },
        ["PodDisruptionBudgetStatus"] = new() { ["conditions"] = Keyed(null, "type"), ["disruptedPods"] = MapOf() },
        ["CustomResourceDefinition"] = Root(null, null),
        ["Object"] = new() { ["metadata"] = Struct("ObjectMeta") },
    };

    // x-kubernetes-map-type: atomic structs: selectors and references are owned and replaced whole.
    private static readonly HashSet<string> AtomicTypes = new(StringComparer.Ordinal)
    {
        "LabelSelector", "OwnerReference", "LocalObjectReference", "ObjectReference", "ConfigMapKeySelector",
        "SecretKeySelector", "ObjectFieldSelector", "ResourceFieldSelector", "NodeSelector", "RoleRef",
    };

    private static readonly Dictionary<(string Type, string Field), string> KeyDefaults = new()
    {
        [("ContainerPort", "protocol")] = "TCP",
        [("ServicePort", "protocol")] = "TCP",
    };

    private static Dictionary<string, PatchField> Root(string? spec, string? status) => new()
    {
        ["metadata"] = Struct("ObjectMeta"),
        ["spec"] = Struct(spec),
        ["status"] = Struct(status),
    };

    private static Dictionary<string, PatchField> Conditions() => new()
    {
        ["conditions"] = Keyed(null, "type"),
    };

    private static PatchField Struct(string? type) => new(type) { Zero = true };

    // A list strategic merge merges by mergeKey and server-side apply as a list-map keyed by keys (mergeKey by default).
    private static PatchField Keyed(string? type, string mergeKey, params string[] keys) =>
        new(type, MergeList: true, MergeKey: mergeKey) { List = ListKind.Map, ListKeys = keys.Length > 0 ? keys : [mergeKey] };

    private static PatchField MapOf() => new(null) { IsMap = true };

    private static PatchField AtomicMapOf() => new(null) { IsMap = true, AtomicMap = true };
}
