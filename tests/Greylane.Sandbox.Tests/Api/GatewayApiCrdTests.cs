using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Models;

namespace Greylane.Sandbox.Api.Tests;

public sealed class GatewayApiCrdTests
{
    private const string Group = "gateway.networking.k8s.io";

    [Fact]
    public async Task The_gateway_api_standard_crds_are_served_and_a_route_replace_without_status_keeps_the_status()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyGatewayApiCrdsAsync();
        var objects = sandbox.Client.CustomObjects;
        var route = JsonNode.Parse("""
            {"apiVersion": "gateway.networking.k8s.io/v1", "kind": "HTTPRoute", "metadata": {"name": "web", "namespace": "default"},
             "spec": {"parentRefs": [{"name": "public"}], "rules": [{"backendRefs": [{"name": "web", "port": 80}]}]}}
            """)!.AsObject();

        await objects.CreateNamespacedCustomObjectAsync(route, Group, "v1", "default", "httproutes");
        await objects.PatchNamespacedCustomObjectStatusAsync(
            new V1Patch("""{"status": {"parents": [{"parentRef": {"name": "public"}, "controllerName": "example.com/gw"}]}}""", V1Patch.PatchType.MergePatch),
            Group, "v1", "default", "httproutes", "web");
        var live = Json(await objects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "httproutes", "web"));
        live.Remove("status");
        live["spec"]!["rules"]!.AsArray().Insert(0, JsonNode.Parse("""{"name": "greylane-web-1", "backendRefs": [{"name": "web-canary", "port": 80}]}"""));
        await objects.ReplaceNamespacedCustomObjectAsync(live, Group, "v1", "default", "httproutes", "web");
        var read = Json(await objects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "httproutes", "web"));

        Assert.Equal("greylane-web-1", read["spec"]!["rules"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("example.com/gw", read["status"]!["parents"]![0]!["controllerName"]!.GetValue<string>());
        foreach (var (plural, version) in new[] { ("gateways", "v1"), ("gatewayclasses", "v1"), ("grpcroutes", "v1"), ("referencegrants", "v1beta1"), ("httproutes", "v1beta1") })
        {
            var list = plural == "gatewayclasses"
                ? await objects.ListClusterCustomObjectAsync(Group, version, plural)
                : await objects.ListNamespacedCustomObjectAsync(Group, version, "default", plural);
            Assert.NotNull(Json(list)["items"]);
        }
    }

    private static JsonObject Json(object value) => JsonNode.Parse(JsonSerializer.Serialize(value))!.AsObject();
}
