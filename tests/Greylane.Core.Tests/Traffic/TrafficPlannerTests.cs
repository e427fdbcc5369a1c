using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class TrafficPlannerTests
{
    private static readonly ReleasePods Pods = new("7f9c6b5d4", "6d5f7c9b8");

    private static readonly JsonObject Service = Objects.Yaml("""
        apiVersion: v1
        kind: Service
        metadata: {name: mocka, namespace: e2e}
        spec:
          ports: [{port: 8000, name: http}]
          selector: {app: mocka}
        """);

    [Fact]
    public void A_subset_mode_step_prepares_the_canary_subset_then_the_routes_and_the_restore_gives_back_the_originals()
    {
        var live = new TrafficObjects([Objects.VirtualService("mocka")], Objects.DestinationRule("mocka"), Service);
        var step = Objects.Step(20, Objects.Header("my-request-id", "canary"));

        var plan = TrafficPlanner.Step(live, step, Objects.Mocka(), Pods);

        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        Assert.Equal(RoutingMode.Subset, plan.Mode);
        Assert.Equal(["DestinationRule"], plan.Prepare.Select(o => (string?)o["kind"]));
        Assert.Equal(["VirtualService"], plan.Routes.Select(o => (string?)o["kind"]));

        var restore = TrafficPlanner.Restore(new TrafficObjects(plan.Routes, plan.Prepare[0], Service), Objects.Mocka());

        Assert.True(restore.Untouched);
        Assert.Empty(restore.Notes);
        Assert.Null(restore.DeleteService);
        JsonAssert.Equal(Objects.VirtualService("mocka"), restore.Routes[0]);
        JsonAssert.Equal(Objects.DestinationRule("mocka"), restore.Cleanup[0]);
    }

    [Fact]
    public void A_host_mode_step_prepares_both_services_and_the_restore_deletes_the_canary_one()
    {
        var vs = Objects.VirtualService("mocka");
        vs["spec"]!["http"]![0]!["route"]![0]!["destination"]!.AsObject().Remove("subset");
        var live = new TrafficObjects([vs], null, Service);

        var plan = TrafficPlanner.Step(live, Objects.Step(10), Objects.Mocka(), Pods);

        Assert.True(plan.IsValid, string.Join("\n", plan.Errors));
        Assert.Equal(RoutingMode.Host, plan.Mode);
        Assert.Equal(["mocka-canary", "mocka"], plan.Prepare.Select(o => (string?)o["metadata"]!["name"]));

        var restore = TrafficPlanner.Restore(new TrafficObjects(plan.Routes, null, plan.Prepare[1]), Objects.Mocka());

        Assert.True(restore.Untouched);
        Assert.Equal("mocka-canary", restore.DeleteService);
        JsonAssert.Equal(vs, restore.Routes[0]);
        JsonAssert.Equal(Service, restore.Cleanup[0]);
    }

    [Fact]
    public void Missing_objects_are_refused_with_where_to_name_them()
    {
        var subsetMode = TrafficPlanner.Step(new TrafficObjects([Objects.VirtualService("mocka")], null, null), Objects.Step(10), Objects.Mocka(), Pods);
        var noRoutes = TrafficPlanner.Step(new TrafficObjects([], null, Service), Objects.Step(10), Objects.Mocka(), Pods);

        Assert.Contains(subsetMode.Errors, e => e.Contains("name it in traffic.istio.destinationRule", StringComparison.Ordinal));
        Assert.Contains(noRoutes.Errors, e => e.Contains("name one in traffic.istio.virtualServices", StringComparison.Ordinal));
    }

    [Fact]
    public void A_damaged_origin_annotation_is_refused_not_thrown_and_the_restore_still_takes_greylane_routes_out()
    {
        var step = Objects.Step(20, Objects.Header("my-request-id", "canary"));
        var written = TrafficPlanner.Step(new TrafficObjects([Objects.VirtualService("mocka")], Objects.DestinationRule("mocka"), Service), step, Objects.Mocka(), Pods);
        var damaged = written.Routes[0].DeepClone().AsObject();
        damaged["metadata"]!["annotations"]![GreylaneKeys.Origin] = "{";

        var plan = TrafficPlanner.Step(new TrafficObjects([damaged], Objects.DestinationRule("mocka"), Service), step, Objects.Mocka(), Pods);
        var restore = TrafficPlanner.Restore(new TrafficObjects([damaged], written.Prepare[0], Service), Objects.Mocka());

        Assert.Contains(plan.Errors, e => e.Contains("is not valid JSON", StringComparison.Ordinal));
        Assert.False(restore.Untouched);
        Assert.Contains(restore.Notes, n => n.Contains("took out only what Greylane recognisably added", StringComparison.Ordinal));
        JsonAssert.Equal(Objects.VirtualService("mocka")["spec"], restore.Routes[0]["spec"]);
    }

    [Fact]
    public void An_original_route_someone_removed_during_the_release_stays_removed_and_is_reported()
    {
        var vs = Objects.VirtualService("mocka");
        vs["spec"]!["http"]!.AsArray().Add(Objects.Yaml("route: [{destination: {host: health}}]"));
        var written = TrafficPlanner.Step(new TrafficObjects([vs], Objects.DestinationRule("mocka"), Service), Objects.Step(10), Objects.Mocka(), Pods);
        var edited = written.Routes[0].DeepClone().AsObject();
        edited["spec"]!["http"]!.AsArray().RemoveAt(1);

        var restore = TrafficPlanner.Restore(new TrafficObjects([edited], written.Prepare[0], Service), Objects.Mocka());

        Assert.False(restore.Untouched);
        Assert.Equal(["VirtualService e2e/vs: 1 original http route(s) were removed by someone else during the release; left removed"], restore.Notes);
        JsonAssert.Equal(Objects.VirtualService("mocka")["spec"], restore.Routes[0]["spec"]);
    }

    [Fact]
    public void Empty_canary_labels_are_refused_because_the_subset_would_select_every_pod()
    {
        var target = Objects.Mocka() with { CanaryLabels = new Dictionary<string, string>() };

        var result = DestinationRuleTransform.Desired(Objects.DestinationRule("mocka"), target, ["version-base"]);

        Assert.Contains(result.Errors, e => e.Contains("canaryLabels is empty", StringComparison.Ordinal));
    }

    [Fact]
    public void A_target_takes_canary_labels_subset_name_and_lane_from_the_strategy()
    {
        var strategy = Greylane.Core.Strategy.RolloutStrategy.Default with
        {
            Traffic = Greylane.Core.Strategy.TrafficSpec.None with
            {
                Istio = new Greylane.Core.Strategy.IstioSpec([], null, "gray"),
                Lane = new Greylane.Core.Strategy.LaneSpec("my-request-id", "canary", null),
            },
        };

        var target = TrafficTarget.From(strategy, "e2e", "mocka-base", "mocka", new Dictionary<string, string> { ["app"] = "mocka" });

        Assert.Equal("gray", target.CanarySubset);
        Assert.Equal("my-request-id", target.Lane?.Header);
        Assert.Equal("canary", target.CanarySubsetLabels["greylane.dev/track"]);
        Assert.Equal("greylane-mocka-base-", target.RouteNamePrefix);
    }
}
