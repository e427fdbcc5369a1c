using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Demo.Mesh;
using Greylane.Demo.Pods;
using Greylane.Sandbox;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Mesh.Tests;

/// <summary>The playground's router (no namespace of its own): every namespace's gateway routes, hosts that name their namespace.</summary>
public sealed class MeshRouterNamespaceTests
{
    private static readonly RunningPod ShopPod = Pod("shop", "web-1");
    private static readonly RunningPod LabPod = Pod("lab", "web-2");

    [Fact]
    public void A_host_qualified_with_its_namespace_reaches_that_namespace_s_pods_only()
    {
        var router = Router();

        Assert.All(Enumerable.Range(0, 10), _ => Assert.Same(LabPod, router.Route("web.lab", _ => null, _ => null, "/").Pod));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.Same(ShopPod, router.Route("web.shop", _ => null, _ => null, "/").Pod));
    }

    [Fact]
    public void The_gateway_takes_a_virtual_service_of_any_namespace_and_routes_within_it()
    {
        var router = Router(withGatewayRouteIn: "lab");

        var route = router.Route(null, _ => null, _ => null, "/");

        Assert.Same(LabPod, route.Pod);
        Assert.StartsWith("vs-web", route.Via, StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_host_without_a_namespace_is_answered_as_no_upstream()
    {
        var route = Router().Route("web", _ => null, _ => null, "/");

        Assert.Null(route.Pod);
        Assert.Contains("no namespace", route.Via, StringComparison.Ordinal);
    }

    private static MeshRouter Router(string? withGatewayRouteIn = null)
    {
        var store = new InMemoryObjectStore(new SandboxOptions());
        foreach (var ns in new[] { "shop", "lab" })
        {
            store.Create(BuiltInResources.Services, Yaml($$$"""
                {apiVersion: v1, kind: Service, metadata: {name: web, namespace: {{{ns}}}}, spec: {selector: {app: web}, ports: [{port: 8000}]}}
                """));
        }

        if (withGatewayRouteIn is { } routeNs)
        {
            store.Create(MeshRouter.VirtualServices, Yaml($$$"""
                {apiVersion: networking.istio.io/v1beta1, kind: VirtualService, metadata: {name: vs-web, namespace: {{{routeNs}}}},
                 spec: {hosts: ['*'], gateways: [public], http: [{route: [{destination: {host: web}}]}]}}
                """));
        }

        return new MeshRouter(store, null, () => [ShopPod, LabPod]);
    }

    private static JsonObject Yaml(string yaml) => YamlJson.Parse(yaml)!.AsObject();

    private static RunningPod Pod(string ns, string name) =>
        new(ns, name, new Dictionary<string, string> { ["app"] = "web" }, "10.244.0.1", new Uri("http://127.0.0.1:1/"), "web");
}
