using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Models;

namespace Greylane.Sandbox.Api.Tests;

public sealed class PatchTests
{
    private const string Web = "/apis/apps/v1/namespaces/default/deployments/web";

    private static async Task<TestSandbox> WithDeploymentAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Manifests.Deployment("web"));
        return sandbox;
    }

    [Fact]
    public async Task The_three_patch_types_of_KubernetesClient_are_applied()
    {
        await using var sandbox = await WithDeploymentAsync();
        var apps = sandbox.Client.AppsV1;

        await apps.PatchNamespacedDeploymentAsync(new V1Patch("[{\"op\":\"replace\",\"path\":\"/spec/replicas\",\"value\":4}]", V1Patch.PatchType.JsonPatch), "web", "default");
        await apps.PatchNamespacedDeploymentAsync(new V1Patch("{\"spec\":{\"paused\":true}}", V1Patch.PatchType.MergePatch), "web", "default");
        var result = await apps.PatchNamespacedDeploymentAsync(new V1Patch(
            "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:2\"}]}}}}", V1Patch.PatchType.StrategicMergePatch), "web", "default");

        Assert.Equal(4, result.Spec.Replicas);
        Assert.True(result.Spec.Paused);
        Assert.Equal("nginx:2", Assert.Single(result.Spec.Template.Spec.Containers).Image);
        Assert.Equal(4, result.Metadata.Generation);
    }

    [Fact]
    public async Task A_failed_json_patch_test_is_422()
    {
        await using var sandbox = await WithDeploymentAsync();
        var patch = JsonNode.Parse("[{\"op\":\"test\",\"path\":\"/spec/replicas\",\"value\":9}]");

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Patch, Web, patch, "application/json-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_patch_carrying_a_stale_resourceVersion_is_409_Conflict()
    {
        await using var sandbox = await WithDeploymentAsync();
        var patch = JsonNode.Parse("{\"metadata\":{\"resourceVersion\":\"1\"},\"spec\":{\"replicas\":3}}");

        var (code, _, _) = await sandbox.SendAsync(HttpMethod.Patch, Web, patch, "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.Conflict, code);
    }

    [Fact]
    public async Task Server_side_apply_in_cbor_is_415_with_a_message_that_names_the_yaml_form()
    {
        await using var sandbox = await WithDeploymentAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Patch, Web + "?fieldManager=ci", JsonNode.Parse("{}"), "application/apply-patch+cbor");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Contains("application/apply-patch+yaml", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Strategic_merge_patch_of_a_custom_resource_is_415_as_for_CRDs_on_the_real_server()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        await sandbox.Server.ApplyManifestsAsync(Manifests.VirtualService("web").ToJsonString());

        var (code, _, _) = await sandbox.SendAsync(HttpMethod.Patch, "/apis/networking.istio.io/v1/namespaces/default/virtualservices/web",
            JsonNode.Parse("{\"spec\":{}}"), "application/strategic-merge-patch+json");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
    }

    [Fact]
    public async Task Patching_a_missing_object_is_404()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, _, _) = await sandbox.SendAsync(HttpMethod.Patch, Web, JsonNode.Parse("{}"), "application/merge-patch+json");

        Assert.Equal(HttpStatusCode.NotFound, code);
    }
}
