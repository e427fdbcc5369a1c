using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Core.Traffic.Tests;

public sealed class GatewayRoutingTests
{
    private static readonly Dictionary<string, string> Pods = new() { ["app"] = "mocka", ["version"] = "base" };
    private static readonly JsonObject MockaService = Objects.Yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: mocka, namespace: e2e}
        spec:
          selector: {app: mocka}
          ports: [{name: http, port: 80, targetPort: 8080, nodePort: 30080}]
        """);

    [Fact]
    public void Routes_with_a_backendref_to_the_service_are_found_when_the_strategy_names_none()
    {
        var found = GatewayDiscovery.Find(Strategy(new GatewayApiSpec([], [], null)), "e2e", "mocka-base", Pods, [MockaService], [Route("mocka"), Route("mockb", "r-b"), Route("mocka", "elsewhere", "shop")], [Route("mocka", "g", kind: "GRPCRoute")]);

        Assert.Empty(found.Problems);
        Assert.Equal(["mocka-route", "g"], found.Objects.Routes.Select(Name));
        Assert.Same(MockaService, found.Objects.Service);
    }

    [Fact]
    public void A_named_route_that_does_not_exist_is_missing_with_the_fix()
    {
        var found = GatewayDiscovery.Find(Strategy(new GatewayApiSpec(["gone"], [], null)), "e2e", "mocka-base", Pods, [MockaService], [Route("mocka")], []);

        var problem = Assert.Single(found.Problems);
        Assert.Equal(RoutingProblemKind.Missing, problem.Kind);
        Assert.Equal("HTTPRoute e2e/gone (traffic.gatewayAPI.httpRoutes) does not exist; create it in e2e or correct the name in the strategy", problem.Message);
    }

    [Fact]
    public void Istio_and_gateway_api_objects_both_sending_to_the_service_are_refused_unless_the_strategy_names_one()
    {
        var target = Objects.Mocka();

        var (_, problem) = RoutingFamilies.Choose(Strategy(null), target, [Objects.VirtualService("mocka")], [Route("mocka")]);

        Assert.Equal(RoutingProblemKind.Ambiguous, problem!.Kind);
        Assert.Equal("Deployment e2e/mocka-base: both Istio VirtualServices (vs) and Gateway API routes (HTTPRoute mocka-route) send to Service mocka, and a Deployment routes through one of them; name the objects to steer in traffic.istio or traffic.gatewayAPI", problem.Message);
        Assert.Equal((RoutingFamily.GatewayApi, null), RoutingFamilies.Choose(Strategy(new GatewayApiSpec([], [], null)), target, [Objects.VirtualService("mocka")], [Route("mocka")]));
        Assert.Equal((RoutingFamily.GatewayApi, null), RoutingFamilies.Choose(Strategy(null), target, [], [Route("mocka")]));
        Assert.Equal((RoutingFamily.Istio, null), RoutingFamilies.Choose(Strategy(null), target, null, null));
    }

    [Fact]
    public void A_step_creates_the_canary_service_and_pins_the_stable_one_before_the_routes()
    {
        var plan = GatewayPlanner.Step(new GatewayObjects([Route("mocka")], MockaService), Step(20), Objects.Mocka(), new ReleasePods("r1", "h1", Owner.Deployment("mocka-base", "uid-1")));

        Assert.Empty(plan.Errors);
        var canary = plan.Prepare[0];
        Assert.Equal("mocka-canary", canary["metadata"]!["name"]!.GetValue<string>());
        Assert.False(canary["metadata"]!["ownerReferences"]![0]!.AsObject().ContainsKey("controller"));
        Assert.Equal("""{"app":"mocka","istio.service.tag":"gray","version":"canary","greylane.dev/release":"r1"}""", canary["spec"]!["selector"]!.ToJsonString());
        Assert.Equal("""[{"name":"http","port":80,"targetPort":8080}]""", canary["spec"]!["ports"]!.ToJsonString());
        Assert.Equal("""{"app":"mocka","pod-template-hash":"h1"}""", plan.Prepare[1]["spec"]!["selector"]!.ToJsonString());
        Assert.Single(plan.Routes);
    }

    [Fact]
    public void No_route_is_refused_with_the_fix()
    {
        var plan = GatewayPlanner.Step(new GatewayObjects([], MockaService), Step(20), Objects.Mocka(), new ReleasePods("r1", "h1"));

        Assert.Contains("Service e2e/mocka: no HTTPRoute or GRPCRoute of e2e has a backendRef to it; name the routes in traffic.gatewayAPI or add a backendRef to mocka", plan.Errors);
    }

    [Fact]
    public void Restoring_a_step_takes_the_routes_back_and_deletes_the_canary_service()
    {
        var target = Objects.Mocka();
        var desired = GatewayRouteTransform.Desired(Route("mocka"), Step(20), target).Desired!;

        var plan = GatewayPlanner.Restore(new GatewayObjects([desired], null), target);

        Assert.True(plan.Untouched);
        Assert.Equal("mocka-canary", plan.DeleteService);
        Assert.True(JsonNode.DeepEquals(Route("mocka"), Assert.Single(plan.Routes)));
        Assert.Empty(GatewayRoutes.Footprint(plan.Routes[0], target));
        Assert.Empty(GatewayPlanner.Restore(new GatewayObjects([Route("mocka")], null), target).Routes);
    }

    [Fact]
    public void A_leftover_route_is_restored_with_the_owner_its_origin_names()
    {
        var target = Objects.Mocka() with { CanaryServiceName = "mocka-next" };
        var desired = GatewayRouteTransform.Desired(Route("mocka"), Step(50), target).Desired!;

        var restored = LeftoverRestore.Restore(desired)!;

        Assert.True(restored.Untouched);
        Assert.True(JsonNode.DeepEquals(Route("mocka"), restored.Restored));
    }

    [Fact]
    public void Status_describes_the_lane_rules_and_canary_weight_a_route_carries_and_nothing_for_a_route_without_the_release()
    {
        var target = Objects.Mocka() with { Lane = new LaneSpec("my-request-id", "canary", null) };
        var step = new StepSpec(ReplicaCount.Of(1), 20, [new MatchSpec([new StringMatchSpec("x-beta", "1")], [], null)], PauseSpec.Manual, []);
        var desired = GatewayRouteTransform.Desired(Route("mocka"), step, target).Desired!;

        Assert.Equal("HTTPRoute mocka-route: lane rule greylane-mocka-base-1; canary weight 20%", GatewayRouteState.Describe(desired, "mocka-base"));
        Assert.Null(GatewayRouteState.Describe(desired, "other"));
        Assert.Null(GatewayRouteState.Describe(Route("mocka"), "mocka-base"));
    }

    private static StepSpec Step(int weight) => new(ReplicaCount.Of(1), weight, [], PauseSpec.Manual, []);

    private static RolloutStrategy Strategy(GatewayApiSpec? gateway) =>
        RolloutStrategy.Default with { Traffic = TrafficSpec.None with { GatewayApi = gateway } };

    private static JsonObject Route(string service, string name = "mocka-route", string ns = "e2e", string kind = "HTTPRoute") => Objects.Yaml($$"""
        apiVersion: gateway.networking.k8s.io/v1
        kind: {{kind}}
        metadata: {name: {{name}}, namespace: {{ns}}}
        spec:
          parentRefs: [{kind: Service, group: "", name: {{service}}}]
          rules:
          - backendRefs: [{name: {{service}}, port: 80}]
        """);

    private static string Name(JsonObject obj) => obj["metadata"]!["name"]!.GetValue<string>();
}
