using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Defaults;

/// <summary>core/v1 Namespace defaults: the kubernetes finalizer, Active phase and the immutable name label.</summary>
internal static class NamespaceDefaults
{
    public static void Apply(JsonObject ns)
    {
        // kube-apiserver labels every namespace with its name so namespaceSelectors can pick one by name.
        var labels = Defaulting.Child(ns.Metadata(), "labels");
        labels["kubernetes.io/metadata.name"] = ns.Name();
        var spec = Defaulting.Child(ns, "spec");
        Defaulting.Default(spec, "finalizers", new JsonArray("kubernetes"));
        var status = Defaulting.Child(ns, "status");
        Defaulting.Default(status, "phase", "Active");
    }
}
