using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Defaults;

/// <summary>
/// The API server's defaulting for the built-ins Greylane touches: what a round trip through kube-apiserver adds
/// to a Deployment, ReplicaSet, Pod, Service or Namespace. Applied to every create and update, as decoding does.
/// </summary>
internal static class Defaulting
{
    public static void Apply(ResourceType type, JsonObject obj, JsonObject? stored)
    {
        switch (type.StorageKey())
        {
            case "apps/deployments":
                DeploymentDefaults.Apply(obj);
                break;
            case "apps/replicasets":
                var spec = Child(obj, "spec");
                spec["replicas"] ??= 1;
                PodDefaults.ApplyToTemplate(Child(spec, "template"));
                break;
            case "/pods":
                PodDefaults.ApplyToSpec(Child(obj, "spec"));
                break;
            case "/services":
                ServiceDefaults.Apply(obj, stored);
                break;
            case "/namespaces":
                NamespaceDefaults.Apply(obj);
                break;
        }
    }

    /// <summary>The child object at <paramref name="field"/>, created when missing.</summary>
    public static JsonObject Child(JsonObject parent, string field)
    {
        if (parent[field] is JsonObject child)
        {
            return child;
        }

        child = [];
        parent[field] = child;
        return child;
    }

    /// <summary>Sets <paramref name="field"/> when it is absent or null.</summary>
    public static void Default(JsonObject obj, string field, JsonNode value) => obj[field] ??= value;
}
