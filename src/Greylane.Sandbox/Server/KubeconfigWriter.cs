using Greylane.Core.Serialization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Server;

/// <summary>Writes a kubeconfig for the sandbox that kubectl and KubernetesClient accept as is.</summary>
internal static class KubeconfigWriter
{
    public const string ContextName = "greylane-sandbox";

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
            ["users"] = new JsonArray(new JsonObject
            {
                ["name"] = "sandbox-admin",
                // The sandbox does not authenticate; a token keeps kubectl from prompting for credentials.
                ["user"] = new JsonObject { ["token"] = "greylane-sandbox" },
            }),
            ["contexts"] = new JsonArray(new JsonObject
            {
                ["name"] = ContextName,
                ["context"] = new JsonObject { ["cluster"] = ContextName, ["user"] = "sandbox-admin", ["namespace"] = "default" },
            }),
            ["current-context"] = ContextName,
        };
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, YamlJson.Write(config));
        return full;
    }
}
