using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class RoutingObjectsTests
{
    [Theory]
    [InlineData("other/vs-mocka")]
    [InlineData("vs-mocka.other")]
    public void A_reference_into_another_namespace_is_refused_with_the_fix(string name)
    {
        var error = RoutingObjects.CheckReference("VirtualService", name, "e2e");

        Assert.Equal(
            $"VirtualService `{name}`: references never leave the Deployment's namespace e2e; name the VirtualService alone (e.g. `vs-mocka`) and keep it in e2e",
            error?.Replace("`other`", "`vs-mocka`", StringComparison.Ordinal));
    }

    [Fact]
    public void A_plain_name_is_accepted()
    {
        Assert.Null(RoutingObjects.CheckReference("DestinationRule", "dr-mocka", "e2e"));
    }

    [Fact]
    public void Subsets_everywhere_mean_subset_mode_and_one_destination_without_subset_means_host_mode()
    {
        var withSubset = Objects.VirtualService("mocka");
        var withoutSubset = Objects.Yaml("""
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: vs-mesh, namespace: e2e}
            spec:
              hosts: [mocka]
              http:
              - route:
                - destination: {host: mocka.e2e.svc.cluster.local}
            """);

        Assert.Equal(RoutingMode.Subset, RoutingObjects.Mode([withSubset], Objects.Mocka()));
        Assert.Equal(RoutingMode.Host, RoutingObjects.Mode([withSubset, withoutSubset], Objects.Mocka()));
        Assert.Equal(["version-base"], RoutingObjects.StableSubsets([withSubset, withoutSubset], Objects.Mocka()));
    }

    [Theory]
    [InlineData("mocka", "e2e", true)]
    [InlineData("mocka", "other", false)]
    [InlineData("mocka.e2e", "other", true)]
    [InlineData("mocka.e2e.svc", "e2e", true)]
    [InlineData("mocka.e2e.svc.cluster.local", "other", true)]
    [InlineData("mocka.other.svc.cluster.local", "e2e", false)]
    [InlineData("mocka-canary", "e2e", false)]
    public void Hosts_name_the_service_in_short_and_qualified_forms(string host, string objectNamespace, bool names)
    {
        Assert.Equal(names, ServiceHost.Names(host, "mocka", "e2e", objectNamespace));
    }

    [Theory]
    [InlineData("mocka.other", "other")]
    [InlineData("mocka.other.svc.cluster.local", "other")]
    [InlineData("mocka.e2e", null)]
    [InlineData("mocka.example.com", null)]
    [InlineData("mockaz", null)]
    public void A_qualified_host_of_the_service_in_another_namespace_is_recognised(string host, string? foreign)
    {
        Assert.Equal(foreign, ServiceHost.ForeignNamespace(host, "mocka", "e2e"));
    }

    [Fact]
    public void Routing_objects_are_found_by_the_services_host()
    {
        Assert.True(RoutingObjects.RoutesTo(Objects.VirtualService("mocka"), Objects.Mocka()));
        Assert.False(RoutingObjects.RoutesTo(Objects.VirtualService("mockb"), Objects.Mocka()));
        Assert.True(RoutingObjects.IsDestinationRuleFor(Objects.DestinationRule("mocka"), Objects.Mocka()));
        Assert.False(RoutingObjects.IsDestinationRuleFor(Objects.DestinationRule("mockb"), Objects.Mocka()));
    }

    [Fact]
    public void Writing_a_step_over_its_own_output_changes_nothing()
    {
        var step = Objects.Step(30, Objects.Header("my-request-id", "canary"));
        var once = Objects.Desired(VirtualServiceTransform.Desired(Objects.VirtualService("mocka"), step, Objects.Mocka(), RoutingMode.Subset));

        var twice = Objects.Desired(VirtualServiceTransform.Desired(once, step, Objects.Mocka(), RoutingMode.Subset));

        JsonAssert.Equal(once, twice);
    }

    [Fact]
    public void A_service_selects_the_pods_by_its_original_selector_even_while_pinned()
    {
        var labels = new Dictionary<string, string> { ["app"] = "mocka", ["version"] = "base" };
        var pinned = Objects.Yaml("""
            apiVersion: v1
            kind: Service
            metadata:
              name: mocka
              annotations: {greylane.dev/origin: '{"spec":{"selector":{"app":"mocka"}}}'}
            spec: {selector: {app: mocka, pod-template-hash: abc}}
            """);

        Assert.True(RoutingObjects.SelectsPods(pinned, labels));
        Assert.True(RoutingObjects.SelectsPods(Objects.Yaml("spec: {selector: {app: mocka, version: base}}"), labels));
        Assert.False(RoutingObjects.SelectsPods(Objects.Yaml("spec: {selector: {app: mockb}}"), labels));
        Assert.False(RoutingObjects.SelectsPods(Objects.Yaml("spec: {selector: {app: mocka, tier: web}}"), labels));
        Assert.False(RoutingObjects.SelectsPods(Objects.Yaml("spec: {selector: {}}"), labels));
        Assert.False(RoutingObjects.SelectsPods(Objects.Yaml("spec: {selector: {app: 1}}"), new Dictionary<string, string> { ["app"] = "1" }));
    }
}
