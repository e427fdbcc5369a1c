using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Demo.Mesh;
using Greylane.Demo.Pods;
using Greylane.Sandbox;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Mesh.Tests;

public sealed class MeshRouterTests
{
    private static readonly RunningPod Stable = Pod("mockb-base-1", new() { ["app"] = "mockb", ["version"] = "base" });
    private static readonly RunningPod Canary = Pod("mockb-base-canary-1", new() { ["app"] = "mockb", ["version"] = "canary", ["istio.service.tag"] = "gray" });

    [Fact]
    public void The_lane_header_reaches_the_canary_subset_and_other_requests_the_stable_one()
    {
        var router = Router("""
            - match: [{headers: {my-request-id: {exact: canary}}}]
              name: greylane-mockb-base-1
              route: [{destination: {host: mockb, subset: canary}}]
            - route: [{destination: {host: mockb, subset: version-base}}]
            """);

        Assert.Same(Canary, router.Route("mockb", _ => "canary", _ => null, "/").Pod);
        Assert.Same(Stable, router.Route("mockb", _ => null, _ => null, "/").Pod);
    }

    [Fact]
    public void A_weight_of_100_sends_everything_to_its_destination()
    {
        var router = Router("""
            - route: [{destination: {host: mockb.e2e.svc.cluster.local, subset: version-base}, weight: 0}, {destination: {host: mockb, subset: canary}, weight: 100}]
            """);

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Same(Canary, router.Route("mockb", _ => null, _ => null, "/").Pod));
    }

    [Fact]
    public void A_subset_that_no_pod_carries_is_answered_as_no_healthy_upstream()
    {
        var router = Router("""
            - route: [{destination: {host: mockb, subset: canary}}]
            """, pods: [Stable]);

        var route = router.Route("mockb", _ => null, _ => null, "/");

        Assert.Null(route.Pod);
        Assert.Contains("no healthy upstream", route.Via, StringComparison.Ordinal);
    }

    private static MeshRouter Router(string httpRoutes, IReadOnlyCollection<RunningPod>? pods = null)
    {
        var store = new InMemoryObjectStore(new SandboxOptions());
        store.Create(BuiltInResources.Services, Yaml("""
            {apiVersion: v1, kind: Service, metadata: {name: mockb, namespace: e2e}, spec: {selector: {app: mockb}, ports: [{port: 8000}]}}
            """));
        store.Create(MeshRouter.DestinationRules, Yaml("""
            apiVersion: networking.istio.io/v1beta1
            kind: DestinationRule
            metadata: {name: dr-mockb, namespace: e2e}
            spec:
              host: mockb
              subsets:
                - {name: version-base, labels: {version: base}}
                - {name: canary, labels: {istio.service.tag: gray}}
            """));
        var vs = Yaml("""
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: vs-mockb, namespace: e2e}
            spec: {hosts: [mockb]}
            """);
        vs["spec"]!["http"] = YamlJson.Parse(httpRoutes);
        store.Create(MeshRouter.VirtualServices, vs);
        return new MeshRouter(store, "e2e", () => pods ?? [Stable, Canary]);
    }

    private static JsonObject Yaml(string yaml) => YamlJson.Parse(yaml)!.AsObject();

    private static RunningPod Pod(string name, Dictionary<string, string> labels) =>
        new("e2e", name, labels, "10.244.0.1", new Uri("http://127.0.0.1:1/"), "mockb");
}
