using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Helm.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.ServerSideApply.Tests;

/// <summary>
/// Helm 4, which installs and upgrades with server-side apply, against the sandbox; and helm 3's client-side
/// validation, which reads <c>/openapi/v2</c>, without <c>--disable-openapi-validation</c>.
/// </summary>
public sealed class HelmServerSideApplyTests
{
    private static JsonObject Stored(TestSandbox sandbox, ResourceType type, string name) =>
        sandbox.Store.Get(type, "default", name) ?? throw new InvalidOperationException($"{type.Plural}/{name} is not stored");

    private static IEnumerable<string> Managers(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).Select(e => $"{e!["manager"]}/{e["operation"]}");

    [Fact]
    public async Task Helm4_installs_upgrades_and_uninstalls_a_chart_with_server_side_apply()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var helm = ClientTool.Helm4(sandbox);
        var chart = TestChart.WriteTo(sandbox.Directory);

        await helm.OkAsync(null, "install", "shop", chart, "--wait", "--timeout", "60s");
        var deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        Assert.Contains("helm/Apply", Managers(deployment));
        Assert.Contains("helm/Apply", Managers(Stored(sandbox, BuiltInResources.Services, "shop")));

        await helm.OkAsync(null, "upgrade", "shop", chart, "--set", "tag=2", "--set", "extraEnv=false", "--set", "metricsPort=false");
        deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal("shop:2", (string?)container["image"]);
        Assert.Equal(["A"], container["env"]!.AsArray().Select(e => (string?)e!["name"]));
        Assert.Equal(["http"], Stored(sandbox, BuiltInResources.Services, "shop")["spec"]!["ports"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal("2", (string?)Stored(sandbox, BuiltInResources.ConfigMaps, "shop")["data"]!["tag"]);

        await helm.OkAsync(null, "uninstall", "shop");
        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop"));
        Assert.Null(sandbox.Store.Get(BuiltInResources.ConfigMaps, "default", "shop"));
    }

    [Fact]
    public async Task Helm4_upgrade_keeps_a_field_another_manager_took_over()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var helm = ClientTool.Helm4(sandbox);
        var kubectl = ClientTool.Kubectl135(sandbox);
        var chart = TestChart.WriteTo(sandbox.Directory);
        await helm.OkAsync(null, "install", "shop", chart);

        await kubectl.OkAsync("""
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: shop, annotations: {owner: ops}}
            """, "apply", "--server-side", "--field-manager", "ops", "-f", "-");
        await helm.OkAsync(null, "upgrade", "shop", chart, "--set", "replicas=3");

        var deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        Assert.Equal("ops", (string?)deployment["metadata"]!["annotations"]!["owner"]);
        Assert.Equal(3L, (long?)deployment["spec"]!["replicas"]);
    }

    [Fact]
    public async Task Helm3_validates_against_the_served_OpenAPI_and_reports_an_unserved_kind_as_a_cluster_would()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var helm = sandbox.Helm;
        var chart = TestChart.Write(Path.Combine(sandbox.Directory, "hpa-chart"), "apiVersion: v2\nname: hpa\nversion: 0.1.0", "{}", new Dictionary<string, string>
        {
            ["hpa.yaml"] = """
                apiVersion: autoscaling/v2
                kind: HorizontalPodAutoscaler
                metadata: {name: web}
                spec:
                  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  maxReplicas: 3
                """,
        });

        var (code, _, stderr) = await helm.RunAsync("install", "hpa", chart);

        Assert.NotEqual(0, code);
        Assert.DoesNotContain("the server could not find the requested resource", stderr, StringComparison.Ordinal);
        Assert.Contains("no matches for kind \"HorizontalPodAutoscaler\" in version \"autoscaling/v2\"", stderr, StringComparison.Ordinal);
    }
}
