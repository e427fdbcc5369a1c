using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

/// <summary>Routing objects left changed by a release whose Deployment is gone: restored from what their origin annotation names.</summary>
public sealed class LeftoverRestoreTests
{
    [Fact]
    public void A_virtual_service_left_with_lane_and_weight_routes_is_restored_exactly()
    {
        var original = Objects.VirtualService("mocka");
        var left = Objects.Desired(VirtualServiceTransform.Desired(original, Objects.Step(20, Objects.Header("my-request-id", "canary")), Objects.Mocka(), RoutingMode.Subset));

        var restored = LeftoverRestore.Restore(left)!;

        Assert.True(restored.Untouched, string.Join("; ", restored.Notes));
        JsonAssert.Equal(original, restored.Restored);
    }

    [Fact]
    public void A_destination_rule_left_with_the_canary_subset_is_restored_exactly_without_notes()
    {
        var original = Objects.DestinationRule("mocka");
        var left = Objects.Desired(DestinationRuleTransform.Desired(original, Objects.Mocka(), ["version-base"]));

        var restored = LeftoverRestore.Restore(left)!;

        Assert.Empty(restored.Notes);
        JsonAssert.Equal(original, restored.Restored);
    }

    [Fact]
    public void A_route_someone_added_meanwhile_is_kept_and_reported()
    {
        var left = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Objects.Step(20), Objects.Mocka(), RoutingMode.Subset));
        ((JsonArray)left["spec"]!["http"]!).Insert(0, new JsonObject { ["name"] = "theirs", ["route"] = new JsonArray(new JsonObject { ["destination"] = new JsonObject { ["host"] = "other" } }) });

        var restored = LeftoverRestore.Restore(left)!;

        Assert.False(restored.Untouched);
        Assert.Equal(["theirs", null], ((JsonArray)restored.Restored["spec"]!["http"]!).Select(r => r?["name"]?.GetValue<string>()));
        Assert.Contains(restored.Notes, n => n.Contains("`theirs` was added or edited by someone else", StringComparison.Ordinal));
    }

    [Fact]
    public void A_stable_service_left_pinned_gets_its_selector_back()
    {
        var service = Objects.Yaml("""
            apiVersion: v1
            kind: Service
            metadata: {name: mocka, namespace: e2e}
            spec:
              selector: {app: mocka}
            """);
        var pinned = Objects.Desired(HostModeServices.PinnedStableService(service, Objects.Mocka(), "abc"));

        var restored = LeftoverRestore.Restore(pinned)!;

        JsonAssert.Equal(service, restored.Restored);
    }
}
