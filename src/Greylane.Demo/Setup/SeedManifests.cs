using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Serialization;

namespace Greylane.Demo.Setup;

/// <summary>
/// <c>manifests/samples/seed</c> as the demo applies it. Two deliberate changes, both printed by the demo: the
/// strategy annotation is replaced by the demo's (short timings, an analysis gate), and <c>VERSION</c> is read from
/// the pod's own <c>version</c> label (the Downward API), so that a canary pod, which carries <c>version: canary</c>,
/// answers <c>mocka(version: canary, …)</c> as in the article without a second template change.
/// </summary>
internal static class SeedManifests
{
    public static string Load(Func<string, string?> strategyFor, bool gatewayApi = false)
    {
        var yaml = new StringBuilder();
        foreach (var file in gatewayApi ? DemoFiles.SeedGatewayApi : DemoFiles.Seed)
        {
            foreach (var document in YamlJson.ParseAll(File.ReadAllText(gatewayApi ? DemoFiles.SeedGatewayApiFile(file) : DemoFiles.SeedFile(file))))
            {
                if (document is not JsonObject obj)
                {
                    continue;
                }

                if (obj["kind"]?.GetValue<string>() == "Deployment")
                {
                    Adapt(obj, strategyFor(obj["metadata"]!["name"]!.GetValue<string>()));
                }

                yaml.Append("---\n").Append(YamlJson.Write(obj));
            }
        }

        return yaml.ToString();
    }

    private static void Adapt(JsonObject deployment, string? strategy)
    {
        if (strategy is not null)
        {
            deployment["metadata"]!["annotations"]![GreylaneKeys.Strategy] = strategy;
        }

        foreach (var container in deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray())
        {
            foreach (var env in container!["env"]?.AsArray() ?? [])
            {
                if (string.Equals(env!["name"]?.GetValue<string>(), "VERSION", StringComparison.OrdinalIgnoreCase))
                {
                    env.AsObject().Remove("value");
                    env["valueFrom"] = new JsonObject { ["fieldRef"] = new JsonObject { ["fieldPath"] = "metadata.labels['version']" } };
                }
            }
        }
    }
}
