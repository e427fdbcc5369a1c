using Greylane.Core.Serialization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Server;

/// <summary>
/// Writes a kubeconfig for the sandbox that kubectl and KubernetesClient accept as is. Its current context is the person's
/// (<see cref="Api.SandboxUsers.Admin"/>); the <see cref="GreylaneContext"/> context is Greylane's ServiceAccount, for
/// the Greylane process (<c>--context greylane</c>), as a pod's token would be in a cluster.
/// </summary>
internal static class KubeconfigWriter
{
    public const string ContextName = "greylane-sandbox";

    /// <summary>The context Greylane runs with: its ServiceAccount's token, namespace greylane-system.</summary>
    public const string GreylaneContext = "greylane";

    public static string Write(string path, Uri server)
    {
        var config = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Config",
            ["clusters"] = new JsonArray(new JsonObject
            {
                ["name"] = ContextName,
                ["cluster"] = new JsonObject { ["server"] = server.ToString().TrimEnd('/') },
            }),
            ["users"] = new JsonArray(
                new JsonObject { ["name"] = "sandbox-admin", ["user"] = new JsonObject { ["token"] = Api.SandboxUsers.AdminToken } },
                new JsonObject { ["name"] = "greylane-serviceaccount", ["user"] = new JsonObject { ["token"] = Api.SandboxUsers.GreylaneToken } }),
            ["contexts"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = ContextName,
                    ["context"] = new JsonObject { ["cluster"] = ContextName, ["user"] = "sandbox-admin", ["namespace"] = "default" },
                },
                new JsonObject
                {
                    ["name"] = GreylaneContext,
                    ["context"] = new JsonObject { ["cluster"] = ContextName, ["user"] = "greylane-serviceaccount", ["namespace"] = "greylane-system" },
                }),
            ["current-context"] = ContextName,
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, YamlJson.Write(config));
        return full;
    }
}
