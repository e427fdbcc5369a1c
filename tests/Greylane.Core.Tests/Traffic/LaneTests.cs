using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class LaneTests
{
    private static readonly LaneSpec Lane = new("my-request-id", "canary", null);

    [Fact]
    public void Every_deployment_sharing_a_lane_gets_the_same_match_so_requests_stay_on_canaries_hop_by_hop()
    {
        var step = Objects.Step(null, Objects.Header("x-debug", "1"));

        var a = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), step, Objects.Mocka(Lane), RoutingMode.Subset));
        var b = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mockb"), step, Objects.Mockb(Lane), RoutingMode.Subset));

        var laneMatch = Objects.Yaml("headers: {my-request-id: {exact: canary}}");
        Assert.True(JsonNode.DeepEquals(new JsonArray(laneMatch.DeepClone()), a["spec"]!["http"]![0]!["match"]));
        Assert.True(JsonNode.DeepEquals(new JsonArray(laneMatch.DeepClone()), b["spec"]!["http"]![0]!["match"]));
    }

    [Fact]
    public void Routes_of_a_service_without_a_release_get_no_lane_route_so_lane_requests_fall_back_to_stable()
    {
        var vs = Objects.VirtualService("mocka");
        vs["spec"]!["http"]!.AsArray().Insert(0, Objects.Yaml("""
            match: [{uri: {prefix: /c}}]
            route: [{destination: {host: mockc, subset: version-base}}]
            """));

        var desired = Objects.Desired(VirtualServiceTransform.Desired(vs, Objects.Step(null, Objects.Header("x", "1")), Objects.Mocka(Lane), RoutingMode.Subset));

        var routes = desired["spec"]!["http"]!.AsArray();
        Assert.Equal(4, routes.Count);
        Assert.Equal("mockc", (string?)routes[0]!["route"]![0]!["destination"]!["host"]);
        Assert.DoesNotContain(routes, r => (string?)r!["route"]![0]!["destination"]!["host"] == "mockc" && (string?)r["route"]![0]!["destination"]!["subset"] == "canary");
        Assert.Equal(["greylane-mocka-base-1", "greylane-mocka-base-2"], routes.Skip(1).Take(2).Select(r => (string?)r!["name"]));
    }

    [Fact]
    public void A_weight_only_step_adds_no_lane_route()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Objects.Step(10), Objects.Mocka(Lane), RoutingMode.Subset));

        Assert.Single(desired["spec"]!["http"]!.AsArray());
    }

    [Fact]
    public void Dye_values_are_escaped_so_they_cannot_break_out_of_the_lua_string()
    {
        var lua = LaneDye.LuaCode(new LaneSpec("x\"-lane", "a\\b", null), new DyeSpec("agent", "pc\"\nend os.exit()", "base"));

        Assert.Contains("\"x\\034-lane\"", lua, StringComparison.Ordinal);
        Assert.Contains("\"a\\092b\"", lua, StringComparison.Ordinal);
        Assert.Contains("\"pc\\034\\010end os.exit()\"", lua, StringComparison.Ordinal);
    }
}
