using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Admission.Tests;

/// <summary>The objects, attributes and chain the end-to-end admission tests share.</summary>
internal static class AdmissionFixtures
{
    public static JsonObject Deployment(string labels = "{}", string annotations = "{}")
    {
        var deployment = JsonNode.Parse("""
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"shop","namespace":"prod"},
             "spec":{"replicas":2,"template":{"spec":{"containers":[{"name":"app","image":"shop:1"}]}}}}
            """)!.AsObject();
        deployment["metadata"]!["labels"] = JsonNode.Parse(labels);
        deployment["metadata"]!["annotations"] = JsonNode.Parse(annotations);
        return deployment;
    }

    public static AdmissionAttributes Create(JsonObject obj, bool dryRun = false) =>
        new("CREATE", BuiltInResources.Deployments, null, "prod", "shop", obj, null, dryRun, "kubernetes-admin");

    /// <summary>A chain over the configurations, with one namespace, "prod", in the store.</summary>
    public static WebhookAdmissionChain Chain(ListLogger logger, params JsonObject[] configurations) =>
        new(() => configurations, ns => ns == "prod" ? JsonNode.Parse("""{"metadata":{"name":"prod"}}""")!.AsObject() : null, logger);
}
