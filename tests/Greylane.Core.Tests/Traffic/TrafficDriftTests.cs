using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class TrafficDriftTests
{
    private static readonly Greylane.Core.Strategy.StepSpec Step = Objects.Step(20, Objects.Header("my-request-id", "canary"));

    [Fact]
    public void The_object_as_written_is_in_place()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Step, Objects.Mocka(), RoutingMode.Subset));

        Assert.True(TrafficDrift.Check(desired, desired).InPlace);
    }

    [Fact]
    public void A_sync_back_to_the_original_is_drift_that_names_what_is_missing()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Step, Objects.Mocka(), RoutingMode.Subset));
        var synced = desired.DeepClone().AsObject();
        synced["spec"] = Objects.VirtualService("mocka")["spec"]!.DeepClone();

        var report = TrafficDrift.Check(synced, desired);

        Assert.False(report.InPlace);
        Assert.Contains(report.Missing, m => m.Contains("spec.http lacks `greylane-mocka-base-1`", StringComparison.Ordinal));
        Assert.Contains(report.Missing, m => m.Contains("\"subset\":\"canary\"", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unrelated_edit_by_someone_else_is_not_drift()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Step, Objects.Mocka(), RoutingMode.Subset));
        var edited = desired.DeepClone().AsObject();
        edited["spec"]!["http"]!.AsArray().Insert(0, Objects.Yaml("route: [{destination: {host: health}}]"));
        edited["spec"]!["gateways"] = new JsonArray("mesh");

        Assert.True(TrafficDrift.Check(edited, desired).InPlace);
    }

    [Fact]
    public void A_lost_origin_annotation_is_drift()
    {
        var desired = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), Step, Objects.Mocka(), RoutingMode.Subset));

        var report = TrafficDrift.Check(OriginAnnotation.Remove(desired), desired);

        Assert.Contains(report.Missing, m => m.Contains(GreylaneKeys.Origin, StringComparison.Ordinal));
    }

    [Fact]
    public void A_removed_canary_subset_and_an_unpinned_selector_are_drift()
    {
        var target = Objects.Mocka();
        var dr = Objects.Desired(DestinationRuleTransform.Desired(Objects.DestinationRule("mocka"), target, ["version-base"]));
        var service = Objects.Yaml("""
            apiVersion: v1
            kind: Service
            metadata: {name: mocka, namespace: e2e}
            spec:
              selector: {app: mocka}
            """);
        var pinned = Objects.Desired(HostModeServices.PinnedStableService(service, target, "abc"));

        Assert.Contains(
            TrafficDrift.Check(OriginAnnotation.Ensure(Objects.DestinationRule("mocka"), target), dr).Missing,
            m => m.Contains("spec.subsets lacks `canary`", StringComparison.Ordinal));
        Assert.Contains(
            TrafficDrift.Check(OriginAnnotation.Ensure(service, target), pinned).Missing,
            m => m.Contains("spec.selector is not as Greylane set it", StringComparison.Ordinal));
        Assert.True(TrafficDrift.Check(pinned, pinned).InPlace);
    }

    [Fact]
    public void Fields_the_api_server_defaults_on_the_canary_service_are_not_drift()
    {
        var service = Objects.Yaml("""
            apiVersion: v1
            kind: Service
            metadata: {name: mocka, namespace: e2e}
            spec:
              ports: [{port: 8000, name: http}]
              selector: {app: mocka}
            """);
        var desired = Objects.Desired(HostModeServices.CanaryService(service, Objects.Mocka(), "abc"));
        var live = desired.DeepClone().AsObject();
        live["spec"]!["clusterIP"] = "10.96.0.12";
        live["spec"]!["ports"]![0]!["targetPort"] = 8000;
        live["spec"]!["ports"]![0]!["protocol"] = "TCP";

        Assert.True(TrafficDrift.Check(live, desired).InPlace);

        live["spec"]!["selector"]!.AsObject().Remove("greylane.dev/release");
        Assert.False(TrafficDrift.Check(live, desired).InPlace);
    }
}
