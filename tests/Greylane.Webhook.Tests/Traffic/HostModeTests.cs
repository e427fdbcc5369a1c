using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class HostModeTests
{
    // A VirtualService that sends to the Service host without subsets, and no DestinationRule: host mode.
    private const string Web = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: e2e}
        spec:
          ports: [{name: http, port: 8080}]
          selector: {app: web}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, namespace: e2e}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec:
              containers: [{name: web, image: "example/web:1.0"}]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: vs-web, namespace: e2e}
        spec:
          hosts: [web]
          http:
          - route:
            - destination: {host: web.e2e.svc.cluster.local, port: {number: 8080}}
        """;

    private const string Strategy = "steps: [{replicas: 1, weight: 30}]";

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Host_mode_creates_the_canary_service_and_pins_the_stable_one_until_the_canary_is_gone(bool stableKnown)
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var (release, stableHash) = await StartReleaseAsync(sandbox, stableKnown);
        var router = sandbox.Router();
        var originalService = CoreFixtures.Essence((await sandbox.ServiceAsync("web"))!);
        var originalRoutes = CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-web"));

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        var canary = (await sandbox.ServiceAsync("web-canary"))!;
        CoreFixtures.AssertJson(
            new JsonObject { ["app"] = "web", ["greylane.dev/track"] = "canary", [GreylaneKeys.Release] = release.Release },
            canary["spec"]!["selector"],
            "canary selector");
        var owner = Assert.Single((JsonArray)canary["metadata"]!["ownerReferences"]!)!;
        Assert.Equal(release.Deployment.Metadata.Uid, owner["uid"]!.GetValue<string>());
        Assert.NotEqual(true, owner["controller"]?.GetValue<bool>());
        Assert.Equal(stableHash, (await sandbox.ServiceAsync("web"))!["spec"]!["selector"]!["pod-template-hash"]!.GetValue<string>());
        CoreFixtures.AssertJson(
            JsonNode.Parse("""
                [{"destination": {"host": "web.e2e.svc.cluster.local", "port": {"number": 8080}}, "weight": 70},
                 {"destination": {"host": "web-canary.e2e.svc.cluster.local", "port": {"number": 8080}}, "weight": 30}]
                """),
            (await sandbox.VirtualServiceAsync("vs-web"))["spec"]!["http"]![0]!["route"],
            "vs-web route");
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);

        var restore = await router.RestoreAsync(release, CancellationToken.None);

        // Routes back, canary Service gone; the pin stays while canary pods may still live (the grace period).
        Assert.Empty(restore.Errors);
        Assert.Null(await sandbox.ServiceAsync("web-canary"));
        CoreFixtures.AssertJson(originalRoutes, CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-web")), "vs-web");
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Restored);
        Assert.Equal(stableHash, (await sandbox.ServiceAsync("web"))!["spec"]!["selector"]!["pod-template-hash"]!.GetValue<string>());

        var unpinned = await router.UnpinStableAsync(release, CancellationToken.None);

        Assert.True(unpinned.Changed);
        CoreFixtures.AssertJson(originalService, CoreFixtures.Essence((await sandbox.ServiceAsync("web"))!), "Service web");
    }

    [Fact]
    public async Task Before_promotion_the_stable_service_stops_pinning_the_old_pods_and_the_canary_keeps_its_share()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var (release, _) = await StartReleaseAsync(sandbox, stableKnown: true);
        var router = sandbox.Router();
        var originalService = CoreFixtures.Essence((await sandbox.ServiceAsync("web"))!);
        var originalRoutes = CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-web"));
        await router.ApplyAsync(release, 0, CancellationToken.None);

        var unpinned = await router.UnpinStableAsync(release, CancellationToken.None);

        // The Deployment's rolling update replaces the pods the pin selected; the Service must keep its endpoints.
        Assert.True(unpinned.Changed);
        CoreFixtures.AssertJson(originalService, CoreFixtures.Essence((await sandbox.ServiceAsync("web"))!), "Service web");
        Assert.NotNull(await sandbox.ServiceAsync("web-canary"));
        Assert.Equal(30, (await sandbox.VirtualServiceAsync("vs-web"))["spec"]!["http"]![0]!["route"]![1]!["weight"]!.GetValue<int>());
        Assert.False((await router.UnpinStableAsync(release, CancellationToken.None)).Changed);

        await router.RestoreAsync(release, CancellationToken.None);

        Assert.Null(await sandbox.ServiceAsync("web-canary"));
        CoreFixtures.AssertJson(originalRoutes, CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-web")), "vs-web");
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Restored);
    }

    [Fact]
    public async Task A_service_named_like_the_canary_that_is_not_greylanes_is_refused_and_kept()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var (release, _) = await StartReleaseAsync(sandbox, stableKnown: true);
        await sandbox.ApplyAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web-canary, namespace: e2e}
            spec:
              ports: [{name: http, port: 8080}]
              selector: {app: web-canary}
            """);
        var log = new RequestLog();
        var router = sandbox.Router(log);

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);
        await router.RestoreAsync(release, CancellationToken.None);

        Assert.Contains(outcome.Errors, e => e.Contains("web-canary", StringComparison.Ordinal) && e.Contains("not Greylane's", StringComparison.Ordinal));
        Assert.Empty(log.Writes);
        Assert.NotNull(await sandbox.ServiceAsync("web-canary"));
    }

    [Fact]
    public async Task A_service_named_like_the_canary_does_not_matter_in_subset_mode()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        await sandbox.ApplyAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: mockb-canary, namespace: e2e}
            spec:
              ports: [{name: http, port: 8000}]
              selector: {app: mockb, track: canary}
            """);
        var release = await sandbox.ReleaseAsync("mockb-base");
        var router = sandbox.Router();

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);
        await router.RestoreAsync(release, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        Assert.NotNull(await sandbox.ServiceAsync("mockb-canary"));
    }

    // The Deployment rolls out once (the sandbox's controller makes its ReplicaSet), then, as after the webhook, it is
    // paused on a new template: release = the new template's hash, stable = the old one's (or unknown).
    private static async Task<(RoutedRelease Release, string StableHash)> StartReleaseAsync(RoutingSandbox sandbox, bool stableKnown)
    {
        await sandbox.ApplyAsync(Web);
        var stableHash = await PodTemplateHashAsync(sandbox);
        var deployment = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", RoutingSandbox.Ns);
        var stable = RoutingSandbox.Hash(deployment.Spec.Template);
        // A JSON patch without resourceVersion: the sandbox's Deployment controller writes the status meanwhile.
        var patch = new V1Patch(
            """[{"op": "add", "path": "/spec/paused", "value": true}, {"op": "replace", "path": "/spec/template/spec/containers/0/image", "value": "example/web:2.0"}]""",
            V1Patch.PatchType.JsonPatch);
        deployment = await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", RoutingSandbox.Ns);
        var release = await sandbox.ReleaseAsync("web", Strategy, release: RoutingSandbox.Hash(deployment.Spec.Template));
        return (release with { Stable = stableKnown ? stable : null }, stableHash);
    }

    private static async Task<string> PodTemplateHashAsync(RoutingSandbox sandbox)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (true)
        {
            var sets = await sandbox.Client.AppsV1.ListNamespacedReplicaSetAsync(RoutingSandbox.Ns, labelSelector: "app=web", cancellationToken: timeout.Token);
            if (sets.Items.SingleOrDefault()?.Metadata.Labels?.TryGetValue("pod-template-hash", out var hash) == true)
            {
                return hash;
            }

            await Task.Delay(50, timeout.Token);
        }
    }
}
