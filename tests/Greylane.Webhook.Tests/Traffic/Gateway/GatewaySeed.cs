using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using k8s;
using k8s.Models;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Traffic.Gateway.Tests;

/// <summary>
/// The seed on the Gateway API (manifests/samples/seed-gateway-api) in the sandbox with Greylane's webhook and
/// controller, driven by the real kubectl as a user would.
/// </summary>
internal sealed class GatewaySeed(ControllerBed bed, KubectlCommand kubectl) : IAsyncDisposable
{
    public const string Namespace = "e2e";

    public ControllerBed Bed { get; } = bed;

    public KubectlCommand Kubectl { get; } = kubectl;

    /// <summary>The running controller (a test may stop it and start another).</summary>
    public ControllerReplica Controller { get; set; } = null!;

    public static async Task<GatewaySeed> StartAsync()
    {
        var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyGatewayApiCrdsAsync();
        var cache = Directory.CreateDirectory(Path.Combine(bed.Directory, "kubectl-cache")).FullName;
        var seed = new GatewaySeed(bed, new KubectlCommand(bed.KubeconfigPath, cache));
        await seed.Kubectl.OkAsync("apply", "-k", RepositoryRoot.Combine("manifests", "samples", "seed-gateway-api"));
        seed.Controller = await bed.StartControllerAsync(leaderElection: false);
        foreach (var s in new[] { "mocka", "mockb" })
        {
            await Eventually.UntilAsync(() => seed.GetAsync($"{s}-base"), d => d.Status?.AvailableReplicas == 1, $"{s}-base available");
        }

        return seed;
    }

    public Task<V1Deployment> GetAsync(string name) => Bed.Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);

    /// <summary>Ships a new template as <c>kubectl set env</c> does.</summary>
    public Task<string> ShipAsync(string service, string version) =>
        Kubectl.OkAsync("-n", Namespace, "set", "env", $"deployment/{service}-base", $"VERSION={version}");

    public Task<string> CommandAsync(string deployment, string command) =>
        Kubectl.OkAsync("-n", Namespace, "annotate", "--overwrite", $"deployment/{deployment}", $"greylane.dev/command={command}");

    public Task<V1Deployment> UntilPhaseAsync(string deployment, RolloutPhase phase) =>
        Eventually.UntilAsync(() => GetAsync(deployment), d => Phase(d) == phase, $"{deployment} {phase}");

    public async Task<JsonObject?> RouteAsync(string name)
    {
        var (code, stdout, _) = await Kubectl.RunAsync("-n", Namespace, "get", "httproute", name, "-o", "json");
        return code == 0 ? JsonNode.Parse(stdout)!.AsObject() : null;
    }

    public async Task<V1Service?> ServiceAsync(string name) =>
        (await Bed.Client.CoreV1.ListNamespacedServiceAsync(Namespace)).Items.FirstOrDefault(s => s.Metadata.Name == name);

    /// <summary>The spec as the user wrote it: what a restore must give back.</summary>
    public static JsonNode? Spec(JsonObject route) => route["spec"]?.DeepClone();

    public static IReadOnlyList<JsonObject> Rules(JsonObject route) => [.. (route["spec"]?["rules"] as JsonArray ?? []).OfType<JsonObject>()];

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}
