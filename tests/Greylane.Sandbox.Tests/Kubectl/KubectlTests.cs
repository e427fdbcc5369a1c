using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Sandboxes;
using Xunit.Abstractions;

namespace Greylane.Sandbox.Kubectl.Tests;

/// <summary>The real kubectl against the sandbox; each test says so in its output and returns when kubectl is missing.</summary>
public sealed class KubectlTests(ITestOutputHelper output)
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          labels: {app: web}
        spec:
          replicas: 2
          selector:
            matchLabels: {app: web}
          template:
            metadata:
              labels: {app: web}
            spec:
              containers:
              - name: web
                image: IMAGE
                ports:
                - containerPort: 80
        """;

    private static string DeploymentWith(string image) => Deployment.Replace("IMAGE", image, StringComparison.Ordinal);

    private bool Missing()
    {
        if (KubectlCommand.IsInstalled)
        {
            return false;
        }

        output.WriteLine(KubectlCommand.NotInstalled);
        return true;
    }

    private static JsonObject StoredWeb(TestSandbox sandbox) =>
        sandbox.Store.Get(BuiltInResources.Deployments, "default", "web") ?? throw new InvalidOperationException("deployment web is not stored");

    private static string Image(JsonObject deployment) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]!.GetValue<string>();

    [Fact]
    public async Task Client_side_apply_twice_creates_then_configures_the_deployment_with_the_new_image()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;

        var first = await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");
        var second = await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.26"), "apply", "-f", "-");
        var third = await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.26"), "apply", "-f", "-");

        Assert.Equal((0, "deployment.apps/web created\n"), (first.ExitCode, first.Stdout));
        Assert.Equal((0, "deployment.apps/web configured\n"), (second.ExitCode, second.Stdout));
        Assert.Equal((0, "deployment.apps/web unchanged\n"), (third.ExitCode, third.Stdout));
        var stored = StoredWeb(sandbox);
        Assert.Equal("nginx:1.26", Image(stored));
        Assert.Equal(2, stored.Generation());
        Assert.Contains("kubectl.kubernetes.io/last-applied-configuration", stored["metadata"]!["annotations"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task Get_as_yaml_and_json_shows_the_stored_object_with_server_fields()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");

        var yaml = await kubectl.OkAsync("get", "deployment", "web", "-o", "yaml");
        var json = JsonNode.Parse(await kubectl.OkAsync("get", "deploy", "web", "-o", "json"))!.AsObject();

        Assert.Contains("uid: ", yaml, StringComparison.Ordinal);
        Assert.Contains("maxSurge: 25%", yaml, StringComparison.Ordinal);
        Assert.Equal(StoredWeb(sandbox)["metadata"]!["uid"]!.GetValue<string>(), json["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal("IfNotPresent", json["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]!.GetValue<string>());
    }

    [Fact]
    public async Task Rollout_status_waits_for_the_controllers_and_get_lists_deployments_replicasets_and_pods()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");

        var rollout = await kubectl.OkAsync("rollout", "status", "deployment/web", "--timeout=30s");
        var table = await kubectl.OkAsync("get", "deploy,rs,pods");

        Assert.Contains("deployment \"web\" successfully rolled out", rollout, StringComparison.Ordinal);
        Assert.Matches(@"deployment\.apps/web\s+2/2\s+2\s+2", table);
        Assert.Matches(@"replicaset\.apps/web-[a-z0-9]+\s+2\s+2\s+2", table);
        Assert.Equal(2, table.Split('\n').Count(l => l.StartsWith("pod/web-", StringComparison.Ordinal) && l.Contains("Running", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Set_image_scale_annotate_and_label_change_the_stored_deployment()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");

        await kubectl.OkAsync("set", "image", "deployment/web", "web=nginx:1.27");
        await kubectl.OkAsync("scale", "deployment/web", "--replicas=3");
        await kubectl.OkAsync("annotate", "deployment", "web", "example.com/owner=team-a");
        await kubectl.OkAsync("label", "deployment", "web", "tier=frontend");

        var stored = StoredWeb(sandbox);
        Assert.Equal("nginx:1.27", Image(stored));
        Assert.Equal(3, JsonNumbers.AsLong(stored["spec"]!["replicas"]));
        Assert.Equal("team-a", stored["metadata"]!["annotations"]!["example.com/owner"]!.GetValue<string>());
        Assert.Equal("frontend", stored["metadata"]!["labels"]!["tier"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_of_type_json_merge_and_strategic_is_applied()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");

        await kubectl.OkAsync("patch", "deployment", "web", "--type=json", "-p", """[{"op":"replace","path":"/spec/replicas","value":4}]""");
        await kubectl.OkAsync("patch", "deployment", "web", "--type=merge", "-p", """{"spec":{"paused":true}}""");
        await kubectl.OkAsync("patch", "deployment", "web", "--type=strategic", "-p",
            """{"spec":{"template":{"spec":{"containers":[{"name":"web","image":"nginx:1.29"}]}}}}""");

        var stored = StoredWeb(sandbox);
        Assert.Equal(4, JsonNumbers.AsLong(stored["spec"]!["replicas"]));
        Assert.True(stored["spec"]!["paused"]!.GetValue<bool>());
        var container = Assert.Single(stored["spec"]!["template"]!["spec"]!["containers"]!.AsArray());
        Assert.Equal("nginx:1.29", container!["image"]!.GetValue<string>());
        Assert.Equal(80, JsonNumbers.AsLong(container["ports"]![0]!["containerPort"]));
    }

    [Fact]
    public async Task Delete_removes_the_deployment_and_garbage_collection_removes_its_replicasets_and_pods()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");
        await kubectl.OkAsync("rollout", "status", "deployment/web", "--timeout=30s");

        var deleted = await kubectl.OkAsync("delete", "deployment", "web");

        Assert.Equal("deployment.apps \"web\" deleted\n", deleted);
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((sandbox.Store.List(BuiltInResources.ReplicaSets, "default").Count > 0 || sandbox.Store.List(BuiltInResources.Pods, "default").Count > 0)
            && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.Empty(sandbox.Store.List(BuiltInResources.ReplicaSets, "default"));
        Assert.Empty(sandbox.Store.List(BuiltInResources.Pods, "default"));
    }

    [Fact]
    public async Task Rollout_status_times_out_on_a_paused_deployment_with_a_new_template_as_the_real_one_does()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;
        await kubectl.RunWithInputAsync(DeploymentWith("nginx:1.25"), "apply", "-f", "-");
        await kubectl.OkAsync("rollout", "status", "deployment/web", "--timeout=30s");
        await kubectl.OkAsync("rollout", "pause", "deployment/web");
        await kubectl.OkAsync("set", "image", "deployment/web", "web=nginx:1.26");

        var (code, stdout, stderr) = await kubectl.RunAsync("rollout", "status", "deployment/web", "--timeout=2s");

        output.WriteLine(stdout + stderr);
        Assert.NotEqual(0, code);
        Assert.Contains("timed out waiting for the condition", stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_Istio_VirtualService_is_applied_listed_with_its_printer_columns_and_merge_patched()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        var kubectl = sandbox.Kubectl;
        const string VirtualService = """
            apiVersion: networking.istio.io/v1
            kind: VirtualService
            metadata:
              name: web
            spec:
              hosts: [web]
              http:
              - route:
                - destination: {host: web, subset: stable}
                  weight: 100
            """;

        var applied = await kubectl.RunWithInputAsync(VirtualService, "apply", "-f", "-");
        var table = await kubectl.OkAsync("get", "vs");
        await kubectl.OkAsync("patch", "virtualservice", "web", "--type=merge", "-p", """{"spec":{"gateways":["mesh"]}}""");
        var strategic = await kubectl.RunAsync("patch", "virtualservice", "web", "--type=strategic", "-p", """{"spec":{}}""");

        Assert.Equal(0, applied.ExitCode);
        Assert.Matches(@"NAME\s+GATEWAYS\s+HOSTS\s+AGE", table);
        Assert.Matches(@"web\s+\[""web""\]", table);
        Assert.Equal("mesh", sandbox.Store.List(Istio(sandbox), "default")[0]["spec"]!["gateways"]![0]!.GetValue<string>());
        Assert.NotEqual(0, strategic.ExitCode);
        Assert.Contains("application/strategic-merge-patch+json is not supported by networking.istio.io/v1, Kind=VirtualService", strategic.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_print_as_kubectl_prints_the_real_servers_Status()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;

        var (code, _, stderr) = await kubectl.RunAsync("get", "deployment", "nope");

        Assert.Equal(1, code);
        Assert.Equal("Error from server (NotFound): deployments.apps \"nope\" not found\n", stderr);
    }

    [Fact]
    public async Task Kubectl_create_namespace_configmap_and_secret_send_protobuf_and_are_decoded()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;

        await kubectl.OkAsync("create", "namespace", "demo");
        await kubectl.OkAsync("create", "configmap", "settings", "-n", "demo", "--from-literal=mode=canary");
        await kubectl.OkAsync("create", "secret", "generic", "login", "-n", "demo", "--from-literal=password=hunter2");

        var ns = sandbox.Store.Get(BuiltInResources.Namespaces, null, "demo")!;
        Assert.Null(ns["metadata"]!["generateName"]);
        Assert.Equal("canary", sandbox.Store.Get(BuiltInResources.ConfigMaps, "demo", "settings")!["data"]!["mode"]!.GetValue<string>());
        Assert.Equal(Convert.ToBase64String("hunter2"u8.ToArray()), sandbox.Store.Get(BuiltInResources.Secrets, "demo", "login")!["data"]!["password"]!.GetValue<string>());
    }

    [Fact]
    public async Task Kubectl_create_of_a_kind_whose_protobuf_is_not_decoded_gets_a_415_that_points_at_kubectl_apply()
    {
        if (Missing())
        {
            return;
        }

        await using var sandbox = await TestSandbox.StartAsync();
        var kubectl = sandbox.Kubectl;

        var (code, _, stderr) = await kubectl.RunAsync("create", "deployment", "web", "--image=nginx");

        Assert.NotEqual(0, code);
        Assert.Contains("use kubectl apply -f", stderr, StringComparison.Ordinal);
    }

    private static ResourceType Istio(TestSandbox _) =>
        new("networking.istio.io", "v1", "virtualservices", "VirtualService", true, [], []);
}
