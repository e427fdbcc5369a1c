using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Helm.Tests;

/// <summary>The real helm binary against the sandbox: release storage, three-way merges, --wait, rollback, uninstall.</summary>
public sealed class HelmReleaseTests
{
    private static async Task<(TestSandbox Sandbox, HelmCommand Helm, string Chart)> InstalledAsync(params string[] values)
    {
        var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var helm = sandbox.Helm;
        var chart = TestChart.WriteTo(sandbox.Directory);
        await helm.OkAsync(["install", "shop", chart, "--wait", "--timeout", "60s", .. values]);
        return (sandbox, helm, chart);
    }

    private static JsonObject Stored(TestSandbox sandbox, ResourceType type, string name) =>
        sandbox.Store.Get(type, "default", name) ?? throw new InvalidOperationException($"{type.Plural}/{name} is not stored");

    private static async Task<JsonObject> VirtualServiceAsync(TestSandbox sandbox) =>
        (await sandbox.SendAsync(HttpMethod.Get, "/apis/networking.istio.io/v1/namespaces/default/virtualservices/shop")).Body!;

    private static JsonNode Container(JsonObject deployment, string name) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]!.AsArray().Single(c => c!["name"]!.GetValue<string>() == name)!;

    private static IReadOnlyDictionary<string, string> ReleaseSecrets(TestSandbox sandbox) =>
        sandbox.Store.List(BuiltInResources.Secrets, "default")
            .Where(s => s.Labels().GetValueOrDefault("owner") == "helm")
            .ToDictionary(s => s["metadata"]!["name"]!.GetValue<string>(), s => s.Labels()["status"]);

    [Fact]
    public async Task Install_stores_the_release_in_a_Secret_labelled_owner_helm_and_list_finds_it_by_label()
    {
        var (sandbox, helm, _) = await InstalledAsync();
        await using var _ = sandbox;

        var secret = Stored(sandbox, BuiltInResources.Secrets, "sh.helm.release.v1.shop.v1");
        var list = await helm.OkAsync("list", "--all-namespaces", "--short");

        Assert.Equal("helm.sh/release.v1", secret["type"]!.GetValue<string>());
        Assert.Equal(
            new Dictionary<string, string> { ["owner"] = "helm", ["name"] = "shop", ["status"] = "deployed", ["version"] = "1" },
            secret.Labels().Where(l => l.Key != "modifiedAt").ToDictionary());
        Assert.Equal("shop\n", list);
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop"));
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.Services, "default", "shop"));
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.ConfigMaps, "default", "shop"));
        Assert.Equal(100, (await VirtualServiceAsync(sandbox))["spec"]!["http"]![0]!["route"]![0]!["weight"]!.GetValue<int>());
    }

    [Fact]
    public async Task Upgrade_merges_three_ways_applying_the_chart_and_keeping_what_others_wrote()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;
        await sandbox.SendAsync(
            HttpMethod.Patch,
            "/apis/apps/v1/namespaces/default/deployments/shop",
            JsonNode.Parse("""{"metadata":{"annotations":{"owner":"ops"}},"spec":{"template":{"spec":{"containers":[{"name":"proxy","image":"envoy:1"}]}}}}"""),
            "application/strategic-merge-patch+json");
        await sandbox.SendAsync(
            HttpMethod.Patch,
            "/apis/networking.istio.io/v1/namespaces/default/virtualservices/shop",
            JsonNode.Parse("""{"metadata":{"annotations":{"greylane.dev/origin":"saved"}}}"""),
            "application/merge-patch+json");

        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2", "--set", "extraEnv=false", "--set", "metricsPort=false", "--set", "weight=80", "--wait", "--timeout", "60s");

        var deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        var service = Stored(sandbox, BuiltInResources.Services, "shop");
        var virtualService = await VirtualServiceAsync(sandbox);
        Assert.Equal("shop:2", Container(deployment, "shop")["image"]!.GetValue<string>());
        Assert.Equal("""[{"name":"A","value":"a"}]""", Container(deployment, "shop")["env"]!.ToJsonString());
        Assert.Equal("envoy:1", Container(deployment, "proxy")["image"]!.GetValue<string>());
        Assert.Equal("ops", deployment["metadata"]!["annotations"]!["owner"]!.GetValue<string>());
        Assert.Equal("payments", deployment["metadata"]!["annotations"]!["team"]!.GetValue<string>());
        Assert.Equal(["http"], service["spec"]!["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(80, virtualService["spec"]!["http"]![0]!["route"]![0]!["weight"]!.GetValue<int>());
        Assert.Equal("saved", virtualService["metadata"]!["annotations"]!["greylane.dev/origin"]!.GetValue<string>());
        Assert.Equal("\"2\"", Stored(sandbox, BuiltInResources.ConfigMaps, "shop")["data"]!["tag"]!.ToJsonString());
        Assert.Equal(
            new Dictionary<string, string> { ["sh.helm.release.v1.shop.v1"] = "superseded", ["sh.helm.release.v1.shop.v2"] = "deployed" },
            ReleaseSecrets(sandbox));
    }

    [Fact]
    public async Task Upgrade_with_wait_returns_only_when_the_new_ReplicaSet_has_its_ready_pods()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;

        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2", "--wait", "--timeout", "60s");

        var deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        var current = sandbox.Store.List(BuiltInResources.ReplicaSets, "default")
            .Single(rs => Container(rs, "shop")["image"]!.GetValue<string>() == "shop:2");
        Assert.Equal(deployment.Generation(), deployment["status"]!["observedGeneration"]!.GetValue<long>());
        // helm waits for replicas - maxUnavailable ready pods of the new ReplicaSet: 2 - floor(25% of 2) = 2.
        Assert.Equal(2, current["status"]!["readyReplicas"]!.GetValue<long>());
    }

    [Fact]
    public async Task Wait_fails_when_the_new_pods_never_become_ready()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;

        var (code, _, stderr) = await helm.RunAsync("upgrade", "shop", chart, "--set", "behavior=never-ready", "--wait", "--timeout", "4s");
        var status = JsonNode.Parse(await helm.OkAsync("status", "shop", "-o", "json"))!;

        Assert.NotEqual(0, code);
        Assert.Contains("context deadline exceeded", stderr, StringComparison.Ordinal);
        Assert.Equal("failed", status["info"]!["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Status_and_get_manifest_report_the_deployed_revision()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;
        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2", "--wait", "--timeout", "60s");

        var status = JsonNode.Parse(await helm.OkAsync("status", "shop", "-o", "json"))!;
        var manifest = await helm.OkAsync("get", "manifest", "shop");
        var rendered = await helm.OkAsync("template", "shop", chart, "--set", "tag=2");

        Assert.Equal("deployed", status["info"]!["status"]!.GetValue<string>());
        Assert.Equal(2, status["version"]!.GetValue<int>());
        Assert.Equal(rendered.Trim(), manifest.Trim());
    }

    [Fact]
    public async Task Rollback_restores_the_earlier_revision_as_a_new_one()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;
        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2", "--set", "extraEnv=false", "--set", "weight=50", "--wait", "--timeout", "60s");

        await helm.OkAsync("rollback", "shop", "1", "--wait", "--timeout", "60s");

        var deployment = Stored(sandbox, BuiltInResources.Deployments, "shop");
        var history = JsonNode.Parse(await helm.OkAsync("history", "shop", "-o", "json"))!.AsArray();
        Assert.Equal("shop:1", Container(deployment, "shop")["image"]!.GetValue<string>());
        Assert.Equal(["A", "B"], Container(deployment, "shop")["env"]!.AsArray().Select(e => e!["name"]!.GetValue<string>()));
        Assert.Equal(100, (await VirtualServiceAsync(sandbox))["spec"]!["http"]![0]!["route"]![0]!["weight"]!.GetValue<int>());
        Assert.Equal(
            ["superseded", "superseded", "deployed"],
            history.Select(h => h!["status"]!.GetValue<string>()));
        Assert.Equal("Rollback to 1", history[2]!["description"]!.GetValue<string>());
    }

    [Fact]
    public async Task Uninstall_deletes_the_objects_and_the_release_Secrets()
    {
        var (sandbox, helm, chart) = await InstalledAsync();
        await using var _ = sandbox;
        await helm.OkAsync("upgrade", "shop", chart, "--set", "tag=2");

        await helm.OkAsync("uninstall", "shop", "--wait", "--timeout", "60s");

        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop"));
        Assert.Null(sandbox.Store.Get(BuiltInResources.Services, "default", "shop"));
        Assert.Null(sandbox.Store.Get(BuiltInResources.ConfigMaps, "default", "shop"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await sandbox.SendAsync(HttpMethod.Get, "/apis/networking.istio.io/v1/namespaces/default/virtualservices/shop")).Code);
        Assert.Empty(ReleaseSecrets(sandbox));
        Assert.Empty(sandbox.Store.List(BuiltInResources.Pods, "default"));
    }

    [Fact]
    public async Task Uninstall_with_keep_history_marks_the_release_uninstalled()
    {
        var (sandbox, helm, _) = await InstalledAsync();
        await using var _ = sandbox;

        await helm.OkAsync("uninstall", "shop", "--keep-history");

        Assert.Equal(new Dictionary<string, string> { ["sh.helm.release.v1.shop.v1"] = "uninstalled" }, ReleaseSecrets(sandbox));
        Assert.Equal("shop\n", await helm.OkAsync("list", "--uninstalled", "--short"));
    }
}
