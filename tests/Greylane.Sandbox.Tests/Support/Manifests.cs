using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Support.Tests;

/// <summary>Small objects the tests create.</summary>
internal static class Manifests
{
    public static JsonObject Deployment(string name, string image = "nginx:1.25", int replicas = 2, string ns = "default") => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }),
                },
            },
        },
    };

    public static JsonObject ConfigMap(string name, string ns = "default", JsonObject? labels = null) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = labels ?? [] },
        ["data"] = new JsonObject { ["key"] = "value" },
    };

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    public static JsonObject VirtualService(string name, string ns = "default") => new()
    {
        ["apiVersion"] = "networking.istio.io/v1",
        ["kind"] = "VirtualService",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject
        {
            ["hosts"] = new JsonArray("web"),
            ["http"] = new JsonArray(new JsonObject
            {
                ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = "web", ["subset"] = "stable" }, ["weight"] = 100 }),
            }),
        },
    };
}
