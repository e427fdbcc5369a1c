using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Sandbox;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// The opted-in Deployments of one scale: <c>bench-NNN</c> namespaces of up to <c>perNamespace</c> Deployments each,
/// replicas 1, a one-step strategy. They are created straight through the sandbox's write path before the webhook is
/// registered, so they carry what the webhook sets on CREATE themselves: the <c>greylane.dev/managed</c> label.
/// </summary>
internal sealed class Workload(Scale scale, int perNamespace)
{
    public const string Strategy = "steps:\n  - replicas: 1\n    pause: 0s\n";
    public const string Container = "app";
    public const string StableImage = "app:v1";

    /// <summary>The image of wave N (from 1): each wave after the first releases the same Deployments again.</summary>
    public static string ImageOfWave(int wave) => $"app:v{wave + 1}";

    public int Namespaces => (scale.Deployments + perNamespace - 1) / perNamespace;

    /// <summary>Every Deployment as <c>namespace/name</c>.</summary>
    public IEnumerable<(string Namespace, string Name)> All() =>
        Enumerable.Range(0, scale.Deployments).Select(i => (NamespaceOf(i), $"app-{i % perNamespace:D4}"));

    /// <summary>The Deployments to release, spread evenly over all of them (and so over the namespaces).</summary>
    public IReadOnlyList<(string Namespace, string Name)> Releasing()
    {
        var all = All().ToList();
        var stride = (double)all.Count / scale.Releasing;
        return [.. Enumerable.Range(0, scale.Releasing).Select(i => all[(int)(i * stride)])];
    }

    /// <summary>
    /// One Deployment outside <see cref="Releasing"/>, released alone first so that the measured releases do not pay
    /// for the controller's first pass through its release code (JIT); null when every Deployment is measured.
    /// </summary>
    public (string Namespace, string Name)? WarmUp()
    {
        if (scale.Releasing >= scale.Deployments)
        {
            return null;
        }

        var taken = Releasing().ToHashSet();
        return All().Reverse().First(d => !taken.Contains(d));
    }

    public async Task CreateAsync(SandboxServer sandbox, CancellationToken cancellationToken)
    {
        await sandbox.ApplyManifestsAsync(Namespace("greylane-system").ToJsonString(), cancellationToken);
        foreach (var group in All().GroupBy(d => d.Namespace))
        {
            await sandbox.ApplyManifestsAsync(Namespace(group.Key).ToJsonString(), cancellationToken);
            var list = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "List",
                ["items"] = new JsonArray([.. group.Select(d => (JsonNode)Deployment(d.Namespace, d.Name))]),
            };
            await sandbox.ApplyManifestsAsync(list.ToJsonString(), cancellationToken);
        }
    }

    private string NamespaceOf(int index) => string.Create(CultureInfo.InvariantCulture, $"bench-{index / perNamespace:D3}");

    private static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject { ["name"] = name },
    };

    private static JsonObject Deployment(string ns, string name) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["namespace"] = ns,
            ["labels"] = new JsonObject { ["app"] = name, [GreylaneKeys.Managed] = "true" },
            ["annotations"] = new JsonObject { [GreylaneKeys.Enabled] = "true", [GreylaneKeys.Strategy] = Strategy },
        },
        ["spec"] = new JsonObject
        {
            ["replicas"] = 1,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = Container, ["image"] = StableImage }),
                },
            },
        },
    };
}
