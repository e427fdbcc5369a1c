using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller;
using Greylane.Webhook.Controller.Tests;
using Greylane.Webhook.Support.Tests;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>The seed article end to end: webhook, controller and this router over the sandbox.</summary>
public sealed class SeedControllerTests
{
    private static readonly string[] SeedFiles = ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    [Fact]
    public async Task The_seed_goes_through_the_articles_states_and_promotion_and_abort_restore_the_originals()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyIstioCrdsAsync();
        await bed.Sandbox.ApplyManifestsAsync(string.Join("\n---\n", SeedFiles.Select(f => File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "seed", f)))));
        await bed.StartControllerAsync(leaderElection: false);
        var api = new RoutingApi(bed.Client, Fences.Open());
        var originals = new Dictionary<string, System.Text.Json.Nodes.JsonObject>();
        foreach (var s in new[] { "mocka", "mockb" })
        {
            await Eventually.UntilAsync(() => Get(bed, $"{s}-base"), d => d.Status?.AvailableReplicas == 1, $"{s}-base available");
            originals[$"vs-{s}"] = CoreFixtures.Essence((await api.GetAsync(IstioKind.VirtualService, "e2e", $"vs-{s}", default)).Object!);
            originals[$"dr-{s}"] = CoreFixtures.Essence((await api.GetAsync(IstioKind.DestinationRule, "e2e", $"dr-{s}", default)).Object!);
        }

        foreach (var s in new[] { "mocka", "mockb" })
        {
            await bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
                new V1Patch("""{"spec": {"template": {"spec": {"containers": [{"name": "default", "env": [{"name": "VERSION", "value": "canary"}]}]}}}}""", V1Patch.PatchType.StrategicMergePatch),
                $"{s}-base",
                "e2e");
        }

        foreach (var s in new[] { "mocka", "mockb" })
        {
            await Eventually.UntilAsync(() => Get(bed, $"{s}-base"), d => Phase(d) == RolloutPhase.StepPaused, $"{s}-base step 1 paused");
            CoreFixtures.AssertMatches(CoreFixtures.Expected($"seed-{s}", $"vs-{s}"), (await api.GetAsync(IstioKind.VirtualService, "e2e", $"vs-{s}", default)).Object!);
            CoreFixtures.AssertMatches(CoreFixtures.Expected($"seed-{s}", $"dr-{s}"), (await api.GetAsync(IstioKind.DestinationRule, "e2e", $"dr-{s}", default)).Object!);
        }

        await Command(bed, "mocka-base", "promote");
        await Command(bed, "mockb-base", "abort");
        await Eventually.UntilAsync(() => Get(bed, "mocka-base"), d => Phase(d) == RolloutPhase.Completed, "mocka-base promoted");
        await Eventually.UntilAsync(() => Get(bed, "mockb-base"), d => Phase(d) == RolloutPhase.RolledBack, "mockb-base rolled back");

        foreach (var name in originals.Keys)
        {
            var kind = name.StartsWith("vs-", StringComparison.Ordinal) ? IstioKind.VirtualService : IstioKind.DestinationRule;
            CoreFixtures.AssertJson(originals[name], CoreFixtures.Essence((await api.GetAsync(kind, "e2e", name, default)).Object!), name);
        }
    }

    private static Task<V1Deployment> Get(ControllerBed bed, string name) => bed.Client.AppsV1.ReadNamespacedDeploymentAsync(name, "e2e");

    private static Task<V1Deployment> Command(ControllerBed bed, string name, string command) =>
        bed.Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch("{\"metadata\": {\"annotations\": {\"greylane.dev/command\": \"" + command + "\"}}}", V1Patch.PatchType.MergePatch), name, "e2e");
}
