using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Tests.Traffic;

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
        var configMap = await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "lane" }, Data = new Dictionary<string, string> { ["strategy.yaml"] = Shared } },
            RoutingSandbox.Ns);
        var deployment = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("mockb-base", RoutingSandbox.Ns);
        deployment.Metadata.Annotations.Remove("greylane.dev/strategy");
        deployment.Metadata.Annotations["greylane.dev/strategy-ref"] = "lane";
        await sandbox.Client.AppsV1.ReplaceNamespacedDeploymentAsync(deployment, "mockb-base", RoutingSandbox.Ns);
        var release = await sandbox.ReleaseAsync("mockb-base", inline: "", shared: Shared);
        var router = sandbox.Router();

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        var filter = await sandbox.Api.GetAsync(IstioKind.EnvoyFilter, RoutingSandbox.Ns, "greylane-dye-lane", CancellationToken.None);
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
        var repaired = await sandbox.Api.GetAsync(IstioKind.EnvoyFilter, RoutingSandbox.Ns, "greylane-dye-lane", CancellationToken.None);
        CoreFixtures.AssertJson(expected["spec"], repaired!["spec"], "EnvoyFilter spec");
    }
}
