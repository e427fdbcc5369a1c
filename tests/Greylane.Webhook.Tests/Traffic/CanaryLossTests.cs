using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using Greylane.Webhook.Support.Tests;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>A canary that loses its pods while routing sends it traffic: traffic goes back to stable at once.</summary>
public sealed class CanaryLossTests
{
    private const string Namespace = "e2e";
    private static readonly string[] SeedFiles = ["namespace.yaml", "mocka.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    private const string AllTrafficToOnePod = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic: {service: mocka, gracePeriod: 200ms, istio: {virtualServices: [vs-mocka], destinationRule: dr-mocka}}
        steps:
          - replicas: 1
            weight: 100
            pause: manual
        """;

    [Fact]
    public async Task A_canary_at_full_weight_that_loses_its_pods_gets_no_traffic_until_it_recovers()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyIstioCrdsAsync();
        await bed.Sandbox.ApplyManifestsAsync(string.Join("\n---\n", SeedFiles.Select(f => File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "seed", f)))));
        await bed.StartControllerAsync(leaderElection: false);
        var api = new RoutingApi(bed.Client, Fences.Open());
        await Eventually.UntilAsync(() => Get(bed), d => d.Status?.AvailableReplicas == 1, "mocka-base available");
        await bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["greylane.dev/strategy"] = AllTrafficToOnePod } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            "mocka-base",
            Namespace);

        await bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec": {"template": {"spec": {"containers": [{"name": "default", "env": [{"name": "VERSION", "value": "canary"}]}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            "mocka-base",
            Namespace);
        await Eventually.UntilAsync(() => Get(bed), d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        Assert.Equal(100, await CanaryWeightAsync(api));

        var canary = Assert.Single(await CanariesAsync(bed));
        await SetCanaryBehaviorAsync(bed, canary, "crash-loop");

        var withdrawn = await Eventually.UntilAsync(() => Get(bed), d => Status(d).TrafficWithdrawn, "traffic withdrawn from the canary", TimeSpan.FromSeconds(20));
        Assert.Equal(RolloutPhase.StepScaling, Phase(withdrawn));
        Assert.Contains("the canary lost pods", Status(withdrawn).Message, StringComparison.Ordinal);
        await Eventually.UntilAsync(() => CanaryWeightAsync(api), w => w == 0, "routing back on stable", TimeSpan.FromSeconds(20));
        var lost = await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Reason == "CanaryLost").ToList(),
            events => events.Count > 0,
            "a CanaryLost Event");
        Assert.Equal("Warning", lost[0].Type);

        await SetCanaryBehaviorAsync(bed, canary, null);
        await Eventually.UntilAsync(() => Get(bed), d => Phase(d) == RolloutPhase.StepPaused && !Status(d).TrafficWithdrawn, "the recovered canary back at its pause", TimeSpan.FromSeconds(30));
        Assert.Equal(100, await CanaryWeightAsync(api));
    }

    private static Task<V1Deployment> Get(ControllerBed bed) => bed.Client.AppsV1.ReadNamespacedDeploymentAsync("mocka-base", Namespace);

    private static async Task<IReadOnlyList<V1ReplicaSet>> CanariesAsync(ControllerBed bed) =>
        [.. (await bed.Client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, labelSelector: "greylane.dev/release")).Items];

    // The canary ReplicaSet's pods get the sandbox behaviour (or lose it) and are replaced, as after a node failure.
    private static async Task SetCanaryBehaviorAsync(ControllerBed bed, V1ReplicaSet canary, string? behavior)
    {
        var annotations = new JsonObject { ["sandbox.greylane.dev/behavior"] = behavior };
        await bed.Client.AppsV1.PatchNamespacedReplicaSetAsync(
            new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations } } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            canary.Metadata.Name,
            Namespace);
        var selector = string.Join(",", canary.Spec.Selector.MatchLabels.Select(l => $"{l.Key}={l.Value}"));
        foreach (var pod in (await bed.Client.CoreV1.ListNamespacedPodAsync(Namespace, labelSelector: selector)).Items)
        {
            await bed.Client.CoreV1.DeleteNamespacedPodAsync(pod.Metadata.Name, Namespace);
        }
    }

    private static async Task<int> CanaryWeightAsync(RoutingApi api)
    {
        var vs = (await api.GetAsync(IstioKind.VirtualService, Namespace, "vs-mocka", default)).Object!;
        return (vs["spec"]?["http"] as JsonArray ?? [])
            .SelectMany(r => r?["route"] as JsonArray ?? [])
            .Where(d => d?["destination"]?["subset"]?.GetValue<string>() == "canary")
            .Sum(d => d?["weight"]?.GetValue<int>() ?? 100);
    }
}
