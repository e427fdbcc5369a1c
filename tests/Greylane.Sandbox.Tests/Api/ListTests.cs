using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

public sealed class ListTests
{
    private const string ConfigMaps = "/api/v1/namespaces/default/configmaps";

    private static async Task<TestSandbox> WithConfigMapsAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        foreach (var (name, tier) in new[] { ("a", "web"), ("b", "db"), ("c", "web"), ("d", "cache") })
        {
            await sandbox.SendAsync(HttpMethod.Post, ConfigMaps, Manifests.ConfigMap(name, labels: new JsonObject { ["tier"] = tier }));
        }

        return sandbox;
    }

    private static List<string> Names(JsonObject? list) =>
        [.. list!["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>())];

    [Fact]
    public async Task LabelSelector_supports_equality_and_set_based_requirements()
    {
        await using var sandbox = await WithConfigMapsAsync();

        var (_, equality, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?labelSelector=tier%3Dweb");
        var (_, set, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?labelSelector=tier%20notin%20(web,db)");

        Assert.Equal(["a", "c"], Names(equality));
        Assert.Equal(["d"], Names(set));
    }

    [Fact]
    public async Task FieldSelector_filters_on_metadata_name()
    {
        await using var sandbox = await WithConfigMapsAsync();

        var (_, list, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?fieldSelector=metadata.name%3Db");

        Assert.Equal(["b"], Names(list));
    }

    [Fact]
    public async Task A_malformed_selector_is_400_BadRequest()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?labelSelector=tier%20in%20web");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("BadRequest", body!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Limit_and_continue_page_through_every_item_once()
    {
        await using var sandbox = await WithConfigMapsAsync();

        var (_, first, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?limit=3");
        var token = first!["metadata"]!["continue"]!.GetValue<string>();
        var (_, second, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?limit=3&continue={Uri.EscapeDataString(token)}");

        Assert.Equal(["a", "b", "c"], Names(first));
        Assert.Equal(1, first["metadata"]!["remainingItemCount"]!.GetValue<int>());
        Assert.Equal(["d"], Names(second));
        Assert.Null(second!["metadata"]!["continue"]);
    }

    [Fact]
    public async Task A_paged_list_with_a_selector_pages_through_every_match_without_a_remaining_count()
    {
        await using var sandbox = await WithConfigMapsAsync();

        var (_, first, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?labelSelector=tier%21%3Dcache&limit=2");
        var token = first!["metadata"]!["continue"]!.GetValue<string>();
        var (_, second, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?labelSelector=tier%21%3Dcache&limit=2&continue={Uri.EscapeDataString(token)}");

        // kube-apiserver leaves remainingItemCount out when the list has a label or field selector.
        Assert.Equal(["a", "b"], Names(first));
        Assert.Null(first["metadata"]!["remainingItemCount"]);
        Assert.Equal(["c"], Names(second));
        Assert.Null(second!["metadata"]!["continue"]);
    }

    [Fact]
    public async Task List_carries_the_current_resourceVersion_and_a_list_kind()
    {
        await using var sandbox = await WithConfigMapsAsync();

        var (_, list, _) = await sandbox.SendAsync(HttpMethod.Get, ConfigMaps);

        Assert.Equal("ConfigMapList", list!["kind"]!.GetValue<string>());
        Assert.Equal(sandbox.Store.CurrentVersion.ToString(System.Globalization.CultureInfo.InvariantCulture), list["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_list_at_a_resourceVersion_newer_than_the_server_is_504_Too_large_resource_version()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?resourceVersion=999999");

        Assert.Equal(HttpStatusCode.GatewayTimeout, code);
        Assert.StartsWith("Too large resource version", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_at_a_resourceVersion_that_is_not_a_number_is_400()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Get, $"{ConfigMaps}?resourceVersion=latest");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("invalid resource version", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Listing_every_namespace_returns_items_ordered_by_namespace_then_name()
    {
        await using var sandbox = await WithConfigMapsAsync();
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces", Manifests.Namespace("alpha"));
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/alpha/configmaps", Manifests.ConfigMap("z", "alpha"));

        var (_, list, _) = await sandbox.SendAsync(HttpMethod.Get, "/api/v1/configmaps");

        Assert.Equal(["z", "a", "b", "c", "d"], Names(list));
    }

    [Fact]
    public async Task A_Table_is_served_when_kubectl_asks_for_one()
    {
        // Pods never turn ready here, so the Ready cell is 0/2 however slowly the machine runs (with the default 300 ms
        // a busy CI box read the list after the pods were ready).
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions { PodReadyDelay = TimeSpan.FromHours(1) });
        await sandbox.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments", Manifests.Deployment("web"));

        var (_, table, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments",
            accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        Assert.Equal("Table", table!["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Up-to-date", "Available", "Age", "Containers", "Images", "Selector"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("0/2", table["rows"]![0]!["cells"]![1]!.GetValue<string>());
        Assert.Equal("PartialObjectMetadata", table["rows"]![0]!["object"]!["kind"]!.GetValue<string>());
    }
}
