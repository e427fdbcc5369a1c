using Greylane.Sandbox.Storage;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.ServerSideApply.Tests;

/// <summary><c>kubectl apply --server-side</c> of kubectl 1.35 against the sandbox, as against a cluster.</summary>
public sealed class KubectlServerSideApplyTests
{
    private const string Full = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          labels: {app: shop, tier: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: shop}
          template:
            metadata:
              labels: {app: shop}
            spec:
              containers:
              - name: shop
                image: shop:1
                env: [{name: A, value: a}, {name: B, value: b}]
        """;

    private const string CiImage = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
        spec:
          template:
            spec:
              containers:
              - name: shop
                image: shop:2
        """;

    private static async Task<(TestSandbox Sandbox, ClientTool Kubectl)> StartAsync()
    {
        var sandbox = await TestSandbox.StartAsync();
        return (sandbox, ClientTool.Kubectl135(sandbox));
    }

    // What a write by the client would change: everything but status and resourceVersion, which the sandbox's own
    // Deployment controller moves while pods become ready (a race on a busy machine).
    private static string Written(TestSandbox sandbox)
    {
        var obj = (System.Text.Json.Nodes.JsonObject)sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop")!.DeepClone();
        obj.Remove("status");
        (obj["metadata"] as System.Text.Json.Nodes.JsonObject)?.Remove("resourceVersion");
        return obj.ToJsonString();
    }

    private static string Stored(TestSandbox sandbox, string path)
    {
        var obj = sandbox.Store.Get(BuiltInResources.Deployments, "default", "shop") ?? throw new InvalidOperationException("shop is not stored");
        System.Text.Json.Nodes.JsonNode? node = obj;
        foreach (var part in path.Split('.'))
            node = int.TryParse(part, out var i) ? node?[i] : node?[part];
        return node?.ToJsonString() ?? "<none>";
    }

    [Fact]
    public async Task Apply_server_side_creates_changes_and_leaves_an_unchanged_object_as_it_is()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;

        Assert.Contains("deployment.apps/shop serverside-applied", await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-"), StringComparison.Ordinal);
        var written = Written(sandbox);
        await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-");
        Assert.Equal(written, Written(sandbox));

        await kubectl.OkAsync(Full.Replace("replicas: 2", "replicas: 3", StringComparison.Ordinal), "apply", "--server-side", "-f", "-");

        Assert.Equal("3", Stored(sandbox, "spec.replicas"));
        Assert.Equal("\"kubectl\"", Stored(sandbox, "metadata.managedFields.0.manager"));
    }

    [Fact]
    public async Task A_field_dropped_from_the_manifest_is_removed_from_the_object()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;
        await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-");

        await kubectl.OkAsync(Full.Replace(", tier: web", "", StringComparison.Ordinal).Replace(", {name: B, value: b}", "", StringComparison.Ordinal),
            "apply", "--server-side", "-f", "-");

        Assert.Equal("""{"app":"shop"}""", Stored(sandbox, "metadata.labels"));
        Assert.Equal("""[{"name":"A","value":"a"}]""", Stored(sandbox, "spec.template.spec.containers.0.env"));
    }

    [Fact]
    public async Task Kubectl_prints_a_conflict_and_force_conflicts_takes_the_field()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;
        await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-");
        await kubectl.OkAsync(null, "set", "image", "deployment/shop", "shop=shop:hotfix");

        var (code, _, stderr) = await kubectl.RunAsync(Full, "apply", "--server-side", "-f", "-");

        Assert.Equal(1, code);
        Assert.Contains("""Apply failed with 1 conflict: conflict with "kubectl-set" using apps/v1: .spec.template.spec.containers[name="shop"].image""", stderr, StringComparison.Ordinal);
        Assert.Contains("--force-conflicts", stderr, StringComparison.Ordinal);
        await kubectl.OkAsync(Full, "apply", "--server-side", "--force-conflicts", "-f", "-");
        Assert.Equal("\"shop:1\"", Stored(sandbox, "spec.template.spec.containers.0.image"));
    }

    [Fact]
    public async Task Get_with_show_managed_fields_prints_each_manager_and_its_fields()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;
        await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-");
        await kubectl.OkAsync(null, "scale", "deployment/shop", "--replicas=4");

        var shown = await kubectl.OkAsync(null, "get", "deployment/shop", "--show-managed-fields", "-o", "yaml");
        var hidden = await kubectl.OkAsync(null, "get", "deployment/shop", "-o", "yaml");

        Assert.Contains("manager: kubectl\n    operation: Apply", shown, StringComparison.Ordinal);
        Assert.Contains("fieldsType: FieldsV1", shown, StringComparison.Ordinal);
        Assert.Contains("k:{\"name\":\"shop\"}:", shown, StringComparison.Ordinal);
        Assert.Contains("subresource: scale", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("managedFields", hidden, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Two_field_managers_share_one_deployment_ci_owns_the_image_and_helm_the_rest()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;
        await kubectl.OkAsync(Full, "apply", "--server-side", "--field-manager", "helm", "-f", "-");

        await kubectl.OkAsync(CiImage, "apply", "--server-side", "--field-manager", "ci", "--force-conflicts", "-f", "-");
        await kubectl.OkAsync(Full.Replace("        image: shop:1\n", "", StringComparison.Ordinal).Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal),
            "apply", "--server-side", "--field-manager", "helm", "-f", "-");

        Assert.Equal("\"shop:2\"", Stored(sandbox, "spec.template.spec.containers.0.image"));
        Assert.Equal("5", Stored(sandbox, "spec.replicas"));
        var fields = await kubectl.OkAsync(null, "get", "deployment/shop", "-o", "jsonpath={range .metadata.managedFields[*]}{.manager}={.fieldsV1}{\"\\n\"}{end}");
        var ci = fields.Split('\n').Single(l => l.StartsWith("ci=", StringComparison.Ordinal));
        Assert.Equal("""ci={"f:spec":{"f:template":{"f:spec":{"f:containers":{"k:{\"name\":\"shop\"}":{".":{},"f:image":{},"f:name":{}}}}}}}""", ci);
        Assert.Contains("helm=", fields, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Server_dry_run_answers_the_result_and_stores_nothing()
    {
        var (sandbox, kubectl) = await StartAsync();
        await using var _ = sandbox;
        await kubectl.OkAsync(Full, "apply", "--server-side", "-f", "-");
        var written = Written(sandbox);

        var output = await kubectl.OkAsync(Full.Replace("replicas: 2", "replicas: 7", StringComparison.Ordinal),
            "apply", "--server-side", "--dry-run=server", "-o", "jsonpath={.spec.replicas}", "-f", "-");

        Assert.Equal("7", output.Trim());
        Assert.Equal("2", Stored(sandbox, "spec.replicas"));
        Assert.Equal(written, Written(sandbox));
    }
}
