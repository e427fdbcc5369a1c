using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class LaneDyeTests
{
    private const string Shared = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic:
          lane:
            header: my-request-id
            value: canary
            dye: {fromHeader: agent, fromValue: pc, otherwise: base}
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
        """;

    [Fact]
    public async Task A_dyed_lane_gets_the_gateway_envoyfilter_owned_by_the_shared_strategy()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var release = await SharedReleaseAsync(sandbox);
        var configMap = await sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync("lane", RoutingSandbox.Ns);
        var log = new RequestLog();
        var router = sandbox.Router(log);

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        var filter = await sandbox.IstioAsync(IstioKind.EnvoyFilter, "greylane-dye-lane");
        Assert.NotNull(filter);
        var owner = Assert.Single((JsonArray)filter["metadata"]!["ownerReferences"]!)!;
        Assert.Equal(("ConfigMap", "lane", configMap.Metadata.Uid), (owner["kind"]!.GetValue<string>(), owner["name"]!.GetValue<string>(), owner["uid"]!.GetValue<string>()));
        var expected = LaneDye.EnvoyFilter(release.Strategy.Traffic.Lane!, release.Strategy.Traffic.Lane!.Dye!, RoutingSandbox.Ns, Owner.ConfigMap("lane", configMap.Metadata.Uid));
        CoreFixtures.AssertJson(expected["spec"], filter["spec"], "EnvoyFilter spec");
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);

        filter["spec"]!["workloadSelector"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "something-else" } };
        await sandbox.ReplaceAsync(filter);
        Assert.False((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);
        await router.ApplyAsync(release, 0, CancellationToken.None);
        var repaired = await sandbox.IstioAsync(IstioKind.EnvoyFilter, "greylane-dye-lane");
        CoreFixtures.AssertJson(expected["spec"], repaired!["spec"], "EnvoyFilter spec");
        // Greylane's ClusterRole grants get/create/update on EnvoyFilters, not list.
        Assert.DoesNotContain(log.Requests, r => r.EndsWith("/envoyfilters", StringComparison.Ordinal) && r.StartsWith("GET", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_missing_envoyfilter_crd_is_named_as_such()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        await sandbox.Client.ApiextensionsV1.DeleteCustomResourceDefinitionAsync("envoyfilters.networking.istio.io");
        var release = await SharedReleaseAsync(sandbox);

        var outcome = await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None);

        Assert.Contains(outcome.Errors, e => e.Contains("envoyfilters.networking.istio.io/v1alpha3", StringComparison.Ordinal) && e.Contains("Istio's CRDs are missing", StringComparison.Ordinal));
    }

    // mockb-base with its strategy moved into ConfigMap `lane` (greylane.dev/strategy-ref).
    private static async Task<RoutedRelease> SharedReleaseAsync(RoutingSandbox sandbox)
    {
        if (await sandbox.Client.CoreV1.ListNamespacedConfigMapAsync(RoutingSandbox.Ns, fieldSelector: "metadata.name=lane") is { Items.Count: 0 })
        {
            await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(
                new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "lane" }, Data = new Dictionary<string, string> { ["strategy.yaml"] = Shared } },
                RoutingSandbox.Ns);
            var patch = new V1Patch(
                """{"metadata": {"annotations": {"greylane.dev/strategy": null, "greylane.dev/strategy-ref": "lane"}}}""",
                V1Patch.PatchType.MergePatch);
            await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "mockb-base", RoutingSandbox.Ns);
        }

        return await sandbox.ReleaseAsync("mockb-base", inline: "", shared: Shared);
    }
}
