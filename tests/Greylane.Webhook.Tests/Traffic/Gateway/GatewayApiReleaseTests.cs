using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Traffic.Gateway.Tests;

/// <summary>End to end on the Gateway API: sandbox, webhook, controller and the real kubectl (each test well under a minute).</summary>
public sealed class GatewayApiReleaseTests
{
    [KubectlFact]
    public async Task The_seeds_two_service_lane_runs_on_httproutes_and_promotion_and_abort_restore_the_originals()
    {
        await using var seed = await GatewaySeed.StartAsync();
        var originals = new Dictionary<string, JsonNode?>();
        foreach (var s in new[] { "mocka", "mockb" })
        {
            originals[s] = GatewaySeed.Spec((await seed.RouteAsync(s))!);
            await seed.ShipAsync(s, "canary");
        }

        foreach (var s in new[] { "mocka", "mockb" })
        {
            await seed.UntilPhaseAsync($"{s}-base", RolloutPhase.StepPaused);
            var rules = GatewaySeed.Rules((await seed.RouteAsync(s))!);
            Assert.Equal(2, rules.Count);
            Assert.Equal($"greylane-{s}-base-1", rules[0]["name"]!.GetValue<string>());
            AssertJson("""[{"headers":[{"type":"Exact","name":"my-request-id","value":"canary"}]}]""", rules[0]["matches"]);
            AssertJson($$"""[{"name":"{{s}}-canary","port":8000}]""", rules[0]["backendRefs"]);
            Assert.True(JsonNode.DeepEquals(originals[s]!["rules"]![0], rules[1]), "the user's rule is untouched by a lane-only step");
            var canary = (await seed.ServiceAsync($"{s}-canary"))!;
            Assert.Equal("gray", canary.Spec.Selector["istio.service.tag"]);
            Assert.Equal(8000, canary.Spec.Ports.Single().Port);
            Assert.False(canary.Metadata.OwnerReferences.Single().Controller ?? false);
            Assert.Contains("pod-template-hash", (await seed.ServiceAsync(s))!.Spec.Selector.Keys);
        }

        await seed.CommandAsync("mocka-base", "promote");
        await seed.CommandAsync("mockb-base", "abort");
        await seed.UntilPhaseAsync("mocka-base", RolloutPhase.Completed);
        await seed.UntilPhaseAsync("mockb-base", RolloutPhase.RolledBack);
        foreach (var s in new[] { "mocka", "mockb" })
        {
            var route = await Eventually.UntilAsync<JsonObject?>(() => seed.RouteAsync(s), r => JsonNode.DeepEquals(GatewaySeed.Spec(r!), originals[s]), $"HTTPRoute {s} restored");
            Assert.Null(route!["metadata"]!["annotations"]?["greylane.dev/origin"]);
            await Eventually.UntilAsync<k8s.Models.V1Service?>(() => seed.ServiceAsync($"{s}-canary"), c => c is null, $"{s}-canary deleted");
            await Eventually.UntilAsync<k8s.Models.V1Service?>(() => seed.ServiceAsync(s), c => !c!.Spec.Selector.ContainsKey("pod-template-hash"), $"{s} unpinned");
        }
    }

    [KubectlFact]
    public async Task A_route_edited_by_its_owner_keeps_the_edit_a_deleted_route_ends_nothing_and_a_new_template_supersedes()
    {
        await using var seed = await GatewaySeed.StartAsync();
        await seed.ShipAsync("mocka", "canary");
        await seed.ShipAsync("mockb", "canary");
        await seed.UntilPhaseAsync("mocka-base", RolloutPhase.StepPaused);
        var first = Annotation(await seed.UntilPhaseAsync("mockb-base", RolloutPhase.StepPaused), "greylane.dev/release");

        await seed.Kubectl.OkAsync("-n", GatewaySeed.Namespace, "patch", "httproute", "mocka", "--type", "merge", "-p", """{"spec":{"hostnames":["shop.example.com"]}}""");
        await seed.Kubectl.OkAsync("-n", GatewaySeed.Namespace, "delete", "httproute", "mockb");
        await seed.ShipAsync("mockb", "canary-2");
        await Eventually.UntilAsync(
            () => seed.GetAsync("mockb-base"),
            d => Annotation(d, "greylane.dev/release") != first && Phase(d) is RolloutPhase.StepPaused or RolloutPhase.StepRouting,
            "mockb-base superseded");

        await seed.CommandAsync("mocka-base", "abort");
        await seed.CommandAsync("mockb-base", "abort");
        await seed.UntilPhaseAsync("mocka-base", RolloutPhase.RolledBack);
        await seed.UntilPhaseAsync("mockb-base", RolloutPhase.RolledBack);
        var route = await Eventually.UntilAsync<JsonObject?>(() => seed.RouteAsync("mocka"), r => GatewaySeed.Rules(r!).Count == 1 && r!["metadata"]!["annotations"]?["greylane.dev/origin"] is null, "HTTPRoute mocka restored");
        AssertJson("""["shop.example.com"]""", route!["spec"]!["hostnames"]);
        AssertJson("""[{"name":"mocka","port":8000}]""", GatewaySeed.Rules(route)[0]["backendRefs"]);
        Assert.Null(await seed.RouteAsync("mockb"));
        await Eventually.UntilAsync<k8s.Models.V1Service?>(() => seed.ServiceAsync("mockb-canary"), c => c is null, "mockb-canary deleted");
    }

    [KubectlFact]
    public async Task Routes_of_a_deployment_deleted_while_no_controller_ran_are_restored_by_the_sweep_with_an_event()
    {
        await using var seed = await GatewaySeed.StartAsync();
        var original = GatewaySeed.Spec((await seed.RouteAsync("mockb"))!);
        await seed.ShipAsync("mockb", "canary");
        await seed.UntilPhaseAsync("mockb-base", RolloutPhase.StepPaused);
        Assert.Equal(2, GatewaySeed.Rules((await seed.RouteAsync("mockb"))!).Count);

        await seed.Controller.DisposeAsync();
        await seed.Kubectl.OkAsync("-n", GatewaySeed.Namespace, "delete", "deployment", "mockb-base");
        seed.Controller = await seed.Bed.StartControllerAsync("second", leaderElection: false);

        await Eventually.UntilAsync<JsonObject?>(() => seed.RouteAsync("mockb"), r => JsonNode.DeepEquals(GatewaySeed.Spec(r!), original), "HTTPRoute mockb restored");
        var events = await Eventually.UntilAsync(
            async () => (await seed.Bed.Client.CoreV1.ListNamespacedEventAsync(GatewaySeed.Namespace)).Items.Where(e => e.Reason == "LeftoverRestored" && e.InvolvedObject.Kind == "HTTPRoute").ToList(),
            found => found.Count >= 1,
            "a LeftoverRestored Event on the HTTPRoute");
        Assert.Contains("Deployment e2e/mockb-base is gone", events[0].Message, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task A_cross_namespace_backendref_without_a_referencegrant_is_refused_and_nothing_is_written()
    {
        await using var seed = await GatewaySeed.StartAsync();
        await seed.Kubectl.OkAsync("-n", GatewaySeed.Namespace, "patch", "httproute", "mocka", "--type", "json", "-p",
            """[{"op":"add","path":"/spec/rules/0/backendRefs/-","value":{"name":"mocka","namespace":"shop","port":8000}}]""");
        var before = GatewaySeed.Spec((await seed.RouteAsync("mocka"))!);

        await seed.ShipAsync("mocka", "canary");

        var deployment = await Eventually.UntilAsync(() => seed.GetAsync("mocka-base"), d => Status(d).Message?.Contains("ReferenceGrant", StringComparison.Ordinal) == true, "the refusal in the status");
        Assert.Contains("sends to Service shop/mocka of another namespace", Status(deployment).Message, StringComparison.Ordinal);
        var route = (await seed.RouteAsync("mocka"))!;
        Assert.True(JsonNode.DeepEquals(before, GatewaySeed.Spec(route)));
        Assert.Null(route["metadata"]!["annotations"]?["greylane.dev/origin"]);
    }

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");
}
