using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

public sealed class DiscoveryTests
{
    [Fact]
    public async Task Core_and_group_discovery_list_the_built_in_resources_with_verbs_short_names_and_subresources()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (_, api, _) = await sandbox.SendAsync(HttpMethod.Get, "/api");
        var (_, groups, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis");
        var (_, apps, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/apps/v1");
        var (_, core, _) = await sandbox.SendAsync(HttpMethod.Get, "/api/v1");

        Assert.Equal("v1", api!["versions"]![0]!.GetValue<string>());
        var groupNames = groups!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("apps", groupNames);
        Assert.Contains("admissionregistration.k8s.io", groupNames);
        var resources = apps!["resources"]!.AsArray().Select(r => r!.AsObject()).ToDictionary(r => r["name"]!.GetValue<string>());
        Assert.Equal("deploy", resources["deployments"]["shortNames"]![0]!.GetValue<string>());
        Assert.Contains("watch", resources["deployments"]["verbs"]!.AsArray().Select(v => v!.GetValue<string>()));
        Assert.Equal("Scale", resources["deployments/scale"]["kind"]!.GetValue<string>());
        Assert.Equal("autoscaling", resources["deployments/scale"]["group"]!.GetValue<string>());
        Assert.True(resources.ContainsKey("replicasets/status"));
        var coreNames = core!["resources"]!.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("namespaces", coreNames);
        Assert.Contains("events", coreNames);
    }

    [Fact]
    public async Task Version_and_health_endpoints_answer()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (_, version, _) = await sandbox.SendAsync(HttpMethod.Get, "/version");
        var health = await sandbox.Http.GetStringAsync(new Uri("/healthz", UriKind.Relative));

        Assert.Equal("1", version!["major"]!.GetValue<string>());
        Assert.Equal("ok", health);
    }

    [Fact]
    public async Task A_created_CRD_is_served_at_once_with_its_preferred_version_and_removed_with_its_objects_on_delete()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        await sandbox.Server.ApplyManifestsAsync(Manifests.VirtualService("web").ToJsonString());

        var (_, group, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/networking.istio.io");
        var (_, crd, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualservices.networking.istio.io");
        var (deleted, _, _) = await sandbox.SendAsync(HttpMethod.Delete, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions/virtualservices.networking.istio.io");
        var (afterDelete, _, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/networking.istio.io/v1/namespaces/default/virtualservices");

        Assert.Equal("networking.istio.io/v1", group!["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        Assert.Contains(crd!["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Established");
        Assert.Equal(HttpStatusCode.OK, deleted);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete);
        Assert.Empty(sandbox.Store.List(new Greylane.Sandbox.Storage.ResourceType("networking.istio.io", "v1", "virtualservices", "VirtualService", true, [], []), null));
    }

    [Fact]
    public async Task An_unknown_path_answers_a_404_Status()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/nope.example.com/v1/things");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("Status", body!["kind"]!.GetValue<string>());
        Assert.Equal("NotFound", body["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task OpenAPI_v3_advertises_fieldValidation_on_patch_so_kubectl_validates_on_the_server()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (_, root, _) = await sandbox.SendAsync(HttpMethod.Get, "/openapi/v3");
        var url = root!["paths"]!["apis/apps/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var (_, doc, _) = await sandbox.SendAsync(HttpMethod.Get, url);
        var patch = doc!["paths"]!["/apis/apps/v1/namespaces/{namespace}/deployments/{name}"]!["patch"]!;

        Assert.Equal("Deployment", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
    }
}
