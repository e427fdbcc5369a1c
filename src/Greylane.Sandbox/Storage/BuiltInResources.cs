namespace Greylane.Sandbox.Storage;

/// <summary>The built-in resources the sandbox serves from start; custom resources come from CRDs.</summary>
public static class BuiltInResources
{
    /// <summary>v1 Namespace.</summary>
    public static readonly ResourceType Namespaces = new("", "v1", "namespaces", "Namespace", false, ["ns"], []);

    /// <summary>v1 Pod.</summary>
    public static readonly ResourceType Pods = new("", "v1", "pods", "Pod", true, ["po"], ["status"]);

    /// <summary>v1 Service.</summary>
    public static readonly ResourceType Services = new("", "v1", "services", "Service", true, ["svc"], ["status"]);

    /// <summary>v1 ConfigMap.</summary>
    public static readonly ResourceType ConfigMaps = new("", "v1", "configmaps", "ConfigMap", true, ["cm"], []);

    /// <summary>v1 Secret.</summary>
    public static readonly ResourceType Secrets = new("", "v1", "secrets", "Secret", true, [], []);

    /// <summary>v1 Event (core group, as kubectl describe reads it).</summary>
    public static readonly ResourceType Events = new("", "v1", "events", "Event", true, ["ev"], []);

    /// <summary>v1 ServiceAccount.</summary>
    public static readonly ResourceType ServiceAccounts = new("", "v1", "serviceaccounts", "ServiceAccount", true, ["sa"], []);

    /// <summary>apps/v1 Deployment.</summary>
    public static readonly ResourceType Deployments = new("apps", "v1", "deployments", "Deployment", true, ["deploy"], ["status", "scale"]);

    /// <summary>apps/v1 ReplicaSet.</summary>
    public static readonly ResourceType ReplicaSets = new("apps", "v1", "replicasets", "ReplicaSet", true, ["rs"], ["status", "scale"]);

    /// <summary>coordination.k8s.io/v1 Lease.</summary>
    public static readonly ResourceType Leases = new("coordination.k8s.io", "v1", "leases", "Lease", true, [], []);

    /// <summary>events.k8s.io/v1 Event.</summary>
    public static readonly ResourceType EventsV1 = new("events.k8s.io", "v1", "events", "Event", true, ["ev"], []);

    /// <summary>admissionregistration.k8s.io/v1 MutatingWebhookConfiguration.</summary>
    public static readonly ResourceType MutatingWebhookConfigurations =
        new("admissionregistration.k8s.io", "v1", "mutatingwebhookconfigurations", "MutatingWebhookConfiguration", false, [], []);

    /// <summary>apiextensions.k8s.io/v1 CustomResourceDefinition.</summary>
    public static readonly ResourceType CustomResourceDefinitions =
        new("apiextensions.k8s.io", "v1", "customresourcedefinitions", "CustomResourceDefinition", false, ["crd", "crds"], ["status"]);

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRole (installers such as helm charts create RBAC with the workload).</summary>
    public static readonly ResourceType ClusterRoles = new("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", false, [], []);

    /// <summary>rbac.authorization.k8s.io/v1 ClusterRoleBinding.</summary>
    public static readonly ResourceType ClusterRoleBindings = new("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", false, [], []);

    /// <summary>rbac.authorization.k8s.io/v1 Role.</summary>
    public static readonly ResourceType Roles = new("rbac.authorization.k8s.io", "v1", "roles", "Role", true, [], []);

    /// <summary>rbac.authorization.k8s.io/v1 RoleBinding.</summary>
    public static readonly ResourceType RoleBindings = new("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", true, [], []);

    /// <summary>policy/v1 PodDisruptionBudget (stored and served only: nothing evicts pods in the sandbox).</summary>
    public static readonly ResourceType PodDisruptionBudgets = new("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", true, ["pdb"], ["status"]);

    /// <summary>All of the above.</summary>
    public static IReadOnlyList<ResourceType> All { get; } =
    [
        Namespaces, Pods, Services, ConfigMaps, Secrets, Events, ServiceAccounts, Deployments, ReplicaSets,
        Leases, EventsV1, MutatingWebhookConfigurations, CustomResourceDefinitions,
        ClusterRoles, ClusterRoleBindings, Roles, RoleBindings, PodDisruptionBudgets,
    ];
}
