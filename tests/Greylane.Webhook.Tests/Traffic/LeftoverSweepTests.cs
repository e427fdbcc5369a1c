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

/// <summary>A new leader's first pass finds routing that releases which are over left behind, and restores it.</summary>
public sealed class LeftoverSweepTests
{
    private const string Namespace = "e2e";
    private static readonly string[] SeedFiles = ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    [Fact]
    public async Task Routing_of_a_deployment_deleted_while_no_controller_ran_is_restored_with_an_event_on_each_object()
    {
        await using var bed = await SeedAsync();
        var api = new RoutingApi(bed.Client, Fences.Open());
        var originals = await EssencesAsync(api);
        var first = await bed.StartControllerAsync("first");
        await ShipAsync(bed, "mockb-base");
        Assert.NotEqual(originals["vs-mockb"].ToJsonString(), (await EssencesAsync(api))["vs-mockb"].ToJsonString());

        await first.DisposeAsync();
        await bed.Client.AppsV1.DeleteNamespacedDeploymentAsync("mockb-base", Namespace);
        await bed.StartControllerAsync("second");

        await Eventually.UntilAsync(() => EssencesAsync(api), now => Same(originals, now), "vs-mockb and dr-mockb back to their originals");
        var events = await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Reason == "LeftoverRestored").ToList(),
            found => found.Count >= 2,
            "an Event on each restored object");
        Assert.Equal(["DestinationRule/dr-mockb", "VirtualService/vs-mockb"], events.Select(e => $"{e.InvolvedObject.Kind}/{e.InvolvedObject.Name}").Order());
        Assert.All(events, e => Assert.Contains("Deployment e2e/mockb-base is gone", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Canary_routing_written_after_a_release_ended_is_undone_by_the_next_leaders_first_pass()
    {
        await using var bed = await SeedAsync();
        var api = new RoutingApi(bed.Client, Fences.Open());
        var originals = await EssencesAsync(api);
        var first = await bed.StartControllerAsync("first");
        await ShipAsync(bed, "mockb-base");
        await Command(bed, "mockb-base", "promote");
        var completed = await Eventually.UntilAsync(
            () => Get(bed, "mockb-base"), d => Phase(d) == RolloutPhase.Completed && Annotation(d, "greylane.dev/release") is null, "promoted and at rest");
        await first.DisposeAsync();

        // What a deposed leader's late write looks like: the step's routing, back in place after the release ended.
        var routing = new RoutingSandboxRouter(bed).Router;
        var late = await routing.ApplyAsync(new RoutedRelease(completed, StrategyOf(completed), Status(completed).Release!, Status(completed).Stable), 0, default);
        Assert.True(late.Changed);
        await bed.StartControllerAsync("second");

        await Eventually.UntilAsync(() => EssencesAsync(api), now => Same(originals, now), "routing back to the originals");
        Assert.Equal(RolloutPhase.Completed, Phase(await Get(bed, "mockb-base")));
        await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedEventAsync(Namespace)).Items.Where(e => e.Reason == "LeftoverRouting").ToList(),
            found => found.Count > 0,
            "a LeftoverRouting Event on the Deployment");
    }

    private static async Task<ControllerBed> SeedAsync()
    {
        var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyIstioCrdsAsync();
        await bed.Sandbox.ApplyManifestsAsync(string.Join("\n---\n", SeedFiles.Select(f => File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "seed", f)))));
        await Eventually.UntilAsync(() => Get(bed, "mockb-base"), d => d.Status?.AvailableReplicas == 1, "mockb-base available");
        return bed;
    }

    private static async Task ShipAsync(ControllerBed bed, string name)
    {
        await bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("""{"spec": {"template": {"spec": {"containers": [{"name": "default", "env": [{"name": "VERSION", "value": "canary"}]}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
            name,
            Namespace);
        await Eventually.UntilAsync(() => Get(bed, name), d => Phase(d) == RolloutPhase.StepPaused, $"{name} step 1 paused");
    }

    private static async Task<Dictionary<string, JsonObject>> EssencesAsync(RoutingApi api) => new()
    {
        ["vs-mockb"] = CoreFixtures.Essence((await api.GetAsync(IstioKind.VirtualService, Namespace, "vs-mockb", default)).Object!),
        ["dr-mockb"] = CoreFixtures.Essence((await api.GetAsync(IstioKind.DestinationRule, Namespace, "dr-mockb", default)).Object!),
    };

    private static bool Same(Dictionary<string, JsonObject> expected, Dictionary<string, JsonObject> actual) =>
        expected.All(e => JsonNode.DeepEquals(e.Value, actual[e.Key]));

    private static Greylane.Core.Strategy.RolloutStrategy StrategyOf(V1Deployment deployment) =>
        Greylane.Core.Strategy.StrategyReader.Read(Annotation(deployment, "greylane.dev/strategy"), null).Strategy!;

    private static Task<V1Deployment> Get(ControllerBed bed, string name) => bed.Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);

    private static Task<V1Deployment> Command(ControllerBed bed, string name, string command) =>
        bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("{\"metadata\": {\"annotations\": {\"greylane.dev/command\": \"" + command + "\"}}}", V1Patch.PatchType.MergePatch), name, Namespace);

    /// <summary>A router of its own, as a deposed leader holds one.</summary>
    private sealed class RoutingSandboxRouter(ControllerBed bed)
    {
        public IstioTrafficRouter Router { get; } = new(bed.Client, Fences.Open(), Microsoft.Extensions.Logging.Abstractions.NullLogger<IstioTrafficRouter>.Instance);
    }
}
