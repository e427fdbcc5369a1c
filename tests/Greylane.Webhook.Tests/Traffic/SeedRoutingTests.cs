using System.Text.Json.Nodes;
using k8s;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class SeedRoutingTests
{
    private const string TwoSteps = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic:
          service: mockb
          lane: {header: my-request-id, value: canary}
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
          - replicas: 1
            weight: 20
        """;

    [Fact]
    public async Task Step_one_gives_the_articles_virtualservices_and_destinationrules()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        foreach (var (deployment, service) in new[] { ("mocka-base", "mocka"), ("mockb-base", "mockb") })
        {
            var release = await sandbox.ReleaseAsync(deployment);

            var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);
            var state = await router.CheckAsync(release, 0, CancellationToken.None);

            Assert.Empty(outcome.Errors);
            Assert.True(outcome.Changed);
            Assert.True(state.Applied);
            Assert.False(state.Restored);
            Assert.Empty(state.Errors);
            Assert.Empty(state.Drift);
            CoreFixtures.AssertMatches(CoreFixtures.Expected($"seed-{service}", $"vs-{service}"), await sandbox.VirtualServiceAsync($"vs-{service}"));
            CoreFixtures.AssertMatches(CoreFixtures.Expected($"seed-{service}", $"dr-{service}"), await sandbox.DestinationRuleAsync($"dr-{service}"));
        }
    }

    [Fact]
    public async Task Applying_a_step_that_is_in_place_writes_nothing()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var log = new RequestLog();
        var router = sandbox.Router(log);
        var release = await sandbox.ReleaseAsync("mockb-base");
        await router.ApplyAsync(release, 0, CancellationToken.None);
        var writes = log.Writes.Count;

        var again = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.False(again.Changed);
        Assert.Equal(writes, log.Writes.Count);
    }

    [Fact]
    public async Task Restore_gives_back_the_original_objects_exactly()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var before = new[] { await sandbox.VirtualServiceAsync("vs-mockb"), await sandbox.DestinationRuleAsync("dr-mockb") };
        var release = await sandbox.ReleaseAsync("mockb-base", TwoSteps);
        await router.ApplyAsync(release, 0, CancellationToken.None);
        await router.ApplyAsync(release, 1, CancellationToken.None);
        Assert.False((await router.CheckAsync(release, 1, CancellationToken.None)).Restored);

        var outcome = await router.RestoreAsync(release, CancellationToken.None);
        var state = await router.CheckAsync(release, 1, CancellationToken.None);

        Assert.True(outcome.Changed);
        Assert.Empty(outcome.Errors);
        Assert.Empty(outcome.Notes);
        Assert.True(state.Restored);
        CoreFixtures.AssertJson(CoreFixtures.Essence(before[0]), CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-mockb")), "vs-mockb");
        CoreFixtures.AssertJson(CoreFixtures.Essence(before[1]), CoreFixtures.Essence(await sandbox.DestinationRuleAsync("dr-mockb")), "dr-mockb");
        Assert.False((await router.RestoreAsync(release, CancellationToken.None)).Changed);
    }

    [Fact]
    public async Task Weight_step_replaces_the_match_route_with_an_exact_split()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base", TwoSteps);
        await router.ApplyAsync(release, 0, CancellationToken.None);

        var outcome = await router.ApplyAsync(release, 1, CancellationToken.None);

        Assert.True(outcome.Changed);
        var http = (JsonArray)(await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!["http"]!;
        CoreFixtures.AssertJson(
            JsonNode.Parse("""
                [{"route": [
                  {"destination": {"host": "mockb", "subset": "version-base"}, "weight": 80},
                  {"destination": {"host": "mockb", "subset": "canary"}, "weight": 20}]}]
                """),
            http,
            "vs-mockb http");
        Assert.True((await router.CheckAsync(release, 1, CancellationToken.None)).Applied);
        Assert.False((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task A_step_that_drops_the_weight_of_the_previous_one_is_not_applied_until_written()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        const string Steps = """
            canaryLabels: {istio.service.tag: gray, version: canary}
            steps:
              - replicas: 1
                weight: 20
                matches: [{headers: [{name: x-canary, value: "1"}]}]
              - replicas: 1
                matches: [{headers: [{name: x-canary, value: "1"}]}]
            """;
        var release = await sandbox.ReleaseAsync("mockb-base", Steps);
        await router.ApplyAsync(release, 0, CancellationToken.None);

        var before = await router.CheckAsync(release, 1, CancellationToken.None);
        var outcome = await router.ApplyAsync(release, 1, CancellationToken.None);

        Assert.False(before.Applied);
        Assert.Empty(before.Drift);
        Assert.True(outcome.Changed);
        var http = (JsonArray)(await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!["http"]!;
        CoreFixtures.AssertJson(JsonNode.Parse("""[{"destination": {"host": "mockb", "subset": "version-base"}}]"""), http[1]!["route"], "stable route");
        Assert.True((await router.CheckAsync(release, 1, CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task A_step_without_routing_after_a_routed_step_takes_the_canary_routes_out()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base", TwoSteps + "\n  - replicas: 2\n");
        var original = (await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!.DeepClone();
        await router.ApplyAsync(release, 1, CancellationToken.None);
        Assert.False((await router.CheckAsync(release, 2, CancellationToken.None)).Applied);

        var outcome = await router.ApplyAsync(release, 2, CancellationToken.None);

        Assert.True(outcome.Changed);
        CoreFixtures.AssertJson(original, (await sandbox.VirtualServiceAsync("vs-mockb"))["spec"], "vs-mockb spec");
        Assert.True((await router.CheckAsync(release, 2, CancellationToken.None)).Applied);
        Assert.False((await router.ApplyAsync(release, 2, CancellationToken.None)).Changed);
    }

    [Fact]
    public async Task Every_virtualservice_that_routes_to_the_service_is_found_by_host()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        await sandbox.ApplyAsync("""
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: vs-mockb-edge, namespace: e2e}
            spec:
              gateways: [simple-gateway]
              hosts: ["*"]
              http:
              - match: [{uri: {prefix: /b}}]
                route:
                - destination: {host: mockb.e2e.svc.cluster.local, subset: version-base}
            """);
        var release = await sandbox.ReleaseAsync("mockb-base", "canaryLabels: {istio.service.tag: gray, version: canary}\nsteps: [{replicas: 1, weight: 10}]");
        var router = sandbox.Router();

        await router.ApplyAsync(release, 0, CancellationToken.None);

        foreach (var name in new[] { "vs-mockb", "vs-mockb-edge" })
        {
            var route = (await sandbox.VirtualServiceAsync(name))["spec"]!["http"]![0]!["route"]!.AsArray();
            Assert.Equal([90, 10], route.Select(d => d!["weight"]!.GetValue<int>()));
        }

        Assert.Null((await sandbox.VirtualServiceAsync("vs-mocka"))["metadata"]?["annotations"]?["greylane.dev/origin"]);
    }

    [Fact]
    public async Task Restore_works_for_a_deployment_that_was_deleted()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var original = CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-mocka"));
        var release = await sandbox.ReleaseAsync("mocka-base");
        await router.ApplyAsync(release, 0, CancellationToken.None);
        await sandbox.Client.AppsV1.DeleteNamespacedDeploymentAsync("mocka-base", RoutingSandbox.Ns);

        var outcome = await router.RestoreAsync(release, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        CoreFixtures.AssertJson(original, CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-mocka")), "vs-mocka");
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Restored);
    }
}
