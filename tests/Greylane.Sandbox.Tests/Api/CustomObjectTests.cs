using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Models;

namespace Greylane.Sandbox.Api.Tests;

public sealed class CustomObjectTests
{
    private const string Group = "networking.istio.io";

    [Fact]
    public async Task An_Istio_VirtualService_round_trips_through_the_generic_custom_object_calls()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var objects = sandbox.Client.CustomObjects;

        var created = Json(await objects.CreateNamespacedCustomObjectAsync(Manifests.VirtualService("web"), Group, "v1", "default", "virtualservices"));
        await objects.PatchNamespacedCustomObjectAsync(
            new V1Patch("{\"spec\":{\"http\":[{\"route\":[{\"destination\":{\"host\":\"web\",\"subset\":\"canary\"},\"weight\":100}]}]}}", V1Patch.PatchType.MergePatch),
            Group, "v1", "default", "virtualservices", "web");
        var read = Json(await objects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "virtualservices", "web"));
        var list = Json(await objects.ListNamespacedCustomObjectAsync(Group, "v1", "default", "virtualservices"));
        var olderVersion = Json(await objects.GetNamespacedCustomObjectAsync(Group, "v1beta1", "default", "virtualservices", "web"));
        await objects.DeleteNamespacedCustomObjectAsync(Group, "v1", "default", "virtualservices", "web");
        var afterDelete = Json(await objects.ListNamespacedCustomObjectAsync(Group, "v1", "default", "virtualservices"));

        Assert.Equal(1, created["metadata"]!["generation"]!.GetValue<int>());
        Assert.Equal("canary", read["spec"]!["http"]![0]!["route"]![0]!["destination"]!["subset"]!.GetValue<string>());
        Assert.Equal(2, read["metadata"]!["generation"]!.GetValue<int>());
        Assert.Equal("VirtualServiceList", list["kind"]!.GetValue<string>());
        Assert.Single(list["items"]!.AsArray());
        Assert.Equal("networking.istio.io/v1beta1", olderVersion["apiVersion"]!.GetValue<string>());
        Assert.Empty(afterDelete["items"]!.AsArray());
    }

    [Fact]
    public async Task Custom_resource_status_is_written_only_through_the_status_subresource()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var objects = sandbox.Client.CustomObjects;
        await objects.CreateNamespacedCustomObjectAsync(Manifests.VirtualService("web"), Group, "v1", "default", "virtualservices");
        var statusPatch = new V1Patch("{\"status\":{\"observedGeneration\":1}}", V1Patch.PatchType.MergePatch);

        var viaMain = Json(await objects.PatchNamespacedCustomObjectAsync(statusPatch, Group, "v1", "default", "virtualservices", "web"));
        var viaStatus = Json(await objects.PatchNamespacedCustomObjectStatusAsync(statusPatch, Group, "v1", "default", "virtualservices", "web"));

        Assert.Null(viaMain["status"]);
        Assert.Equal(1, viaStatus["status"]!["observedGeneration"]!.GetValue<int>());
    }

    private static JsonObject Json(object response) =>
        JsonNode.Parse(response is JsonElement element ? element.GetRawText() : KubernetesJson.Serialize(response))!.AsObject();
}
