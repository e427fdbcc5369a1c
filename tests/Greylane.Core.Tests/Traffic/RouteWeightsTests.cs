using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class RouteWeightsTests
{
    public static TheoryData<int[]> StableSplits => [[100], [50, 30, 20], [34, 33, 33], [1, 99], [0, 100], [70, 30]];

    [Theory]
    [MemberData(nameof(StableSplits))]
    public void Every_weight_gives_integers_summing_to_exactly_100_with_one_canary_destination(int[] split)
    {
        var vs = Objects.VirtualService("mocka");
        vs["spec"]!["http"]![0]!["route"] = new JsonArray([.. split.Select((w, i) => (JsonNode)new JsonObject
        {
            ["destination"] = new JsonObject { ["host"] = "mocka", ["subset"] = $"v{i}" },
            ["weight"] = w,
        })]);

        for (var percent = 1; percent <= 100; percent++)
        {
            var desired = Objects.Desired(VirtualServiceTransform.Desired(vs, Objects.Step(percent), Objects.Mocka(), RoutingMode.Subset));
            var destinations = desired["spec"]!["http"]![0]!["route"]!.AsArray();

            Assert.Equal(100, destinations.Sum(d => d!["weight"]!.GetValue<int>()));
            Assert.Single(destinations, d => (string?)d!["destination"]!["subset"] == "canary");
            Assert.Equal(percent, destinations.Single(d => (string?)d!["destination"]!["subset"] == "canary")!["weight"]!.GetValue<int>());
        }
    }

    [Fact]
    public void Largest_remainder_gives_spare_points_to_the_largest_fractions()
    {
        Assert.Equal([34, 20, 13, 33], LargestRemainder.Apportion([33.5, 20.1, 13.4, 33], 100));
        Assert.Equal([34, 33, 33], LargestRemainder.Apportion([1, 1, 1], 100));
        Assert.Equal([50, 50], LargestRemainder.Apportion([0, 0], 100));
    }

    [Fact]
    public void A_weight_of_100_keeps_stable_destinations_at_0_so_traffic_can_return()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Objects.Step(100), Objects.Mocka(), RoutingMode.Subset));

        var destinations = desired["spec"]!["http"]![0]!["route"]!.AsArray();
        Assert.Equal([0, 100], destinations.Select(d => d!["weight"]!.GetValue<int>()));
    }

    [Fact]
    public void A_step_without_weight_or_matches_leaves_the_routes_as_they_were()
    {
        var vs = Objects.VirtualService("mocka");

        var desired = Objects.Desired(VirtualServiceTransform.Desired(vs, Objects.Step(), Objects.Mocka(), RoutingMode.Subset));

        Assert.True(JsonNode.DeepEquals(desired["spec"], vs["spec"]));
    }
}
