using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Sandbox.Api.Tests;

public sealed class CrudTests
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Fact]
    public async Task Typed_deployment_round_trip_through_KubernetesClient_gets_server_fields_and_defaults()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var body = KubernetesJson.Deserialize<V1Deployment>(Manifests.Deployment("web").ToJsonString());

        var created = await sandbox.Client.AppsV1.CreateNamespacedDeploymentAsync(body, "default");
        var replaced = await ReplaceWithRetryAsync(sandbox, d => d.Spec.Template.Spec.Containers[0].Image = "nginx:1.26");
        var read = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.False(string.IsNullOrEmpty(created.Metadata.Uid));
        Assert.NotNull(created.Metadata.CreationTimestamp);
        Assert.Equal(1, created.Metadata.Generation);
        Assert.Equal(2, replaced.Metadata.Generation);
        Assert.Equal("RollingUpdate", read.Spec.Strategy.Type);
        Assert.Equal("25%", read.Spec.Strategy.RollingUpdate.MaxSurge.Value);
        Assert.Equal(10, read.Spec.RevisionHistoryLimit);
        Assert.Equal(600, read.Spec.ProgressDeadlineSeconds);
        Assert.Equal("IfNotPresent", read.Spec.Template.Spec.Containers[0].ImagePullPolicy);
        Assert.Equal("Always", read.Spec.Template.Spec.RestartPolicy);
        Assert.Equal("nginx:1.26", read.Spec.Template.Spec.Containers[0].Image);
    }

    [Fact]
    public async Task Update_with_a_stale_resourceVersion_is_409_Conflict_with_the_real_Status_body()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var stale = await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(Typed<V1ConfigMap>(Manifests.ConfigMap("c")), "default");
        var fresh = await sandbox.Client.CoreV1.ReadNamespacedConfigMapAsync("c", "default");
        fresh.Data["key"] = "fresh";
        await sandbox.Client.CoreV1.ReplaceNamespacedConfigMapAsync(fresh, "c", "default");
        stale.Data["key"] = "stale";

        var error = await Assert.ThrowsAsync<HttpOperationException>(() => sandbox.Client.CoreV1.ReplaceNamespacedConfigMapAsync(stale, "c", "default"));
        var status = JsonNode.Parse(error.Response.Content)!.AsObject();

        Assert.Equal(HttpStatusCode.Conflict, error.Response.StatusCode);
        Assert.Equal("Conflict", status["reason"]!.GetValue<string>());
        Assert.Equal(409, status["code"]!.GetValue<int>());
        Assert.Equal("c", status["details"]!["name"]!.GetValue<string>());
        Assert.Equal("configmaps", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
            status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_of_an_existing_name_is_409_AlreadyExists()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", body!["reason"]!.GetValue<string>());
        Assert.Equal("deployments.apps \"web\" already exists", body["message"]!.GetValue<string>());
        Assert.Equal("apps", body["details"]!["group"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_of_a_missing_object_is_404_NotFound()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Get, $"{Deployments}/nope");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("deployments.apps \"nope\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Create_in_a_namespace_that_does_not_exist_is_404_like_the_NamespaceLifecycle_admission()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/nowhere/configmaps", Manifests.ConfigMap("c", "nowhere"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"nowhere\" not found", body!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_deployment_without_selector_or_image_is_422_Invalid_with_one_cause_per_field()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var bad = Manifests.Deployment("web");
        bad["spec"]!.AsObject().Remove("selector");
        bad["spec"]!["template"]!["spec"]!["containers"]![0]!.AsObject().Remove("image");

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, Deployments, bad);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("Invalid", body!["reason"]!.GetValue<string>());
        Assert.StartsWith("Deployment.apps \"web\" is invalid: [", body["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = body["details"]!["causes"]!.AsArray().Select(c => c!["field"]!.GetValue<string>()).ToList();
        Assert.Equal(["spec.selector", "spec.template.spec.containers[0].image"], fields);
    }

    [Fact]
    public async Task Changing_a_deployment_selector_is_422_because_apps_v1_selectors_are_immutable()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "other" } },
                ["template"] = new JsonObject { ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = "other" } } },
            },
        };

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Patch, $"{Deployments}/web", patch, "application/merge-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("field is immutable", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_subresource_writes_only_status_and_the_main_resource_keeps_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        const string Path = "/apis/networking.istio.io/v1/namespaces/default/virtualservices/web";
        var (_, created, _) = await sandbox.SendAsync(HttpMethod.Post, "/apis/networking.istio.io/v1/namespaces/default/virtualservices", Manifests.VirtualService("web"));
        var withStatus = (JsonObject)created!.DeepClone();
        withStatus["status"] = new JsonObject { ["observedGeneration"] = 1 };
        withStatus["spec"]!["hosts"] = new JsonArray("changed");

        var (_, afterStatus, _) = await sandbox.SendAsync(HttpMethod.Put, $"{Path}/status", withStatus);
        var mainUpdate = (JsonObject)afterStatus!.DeepClone();
        mainUpdate.Remove("status");
        var (_, afterMain, _) = await sandbox.SendAsync(HttpMethod.Put, Path, mainUpdate);

        Assert.Equal("web", afterStatus["spec"]!["hosts"]![0]!.GetValue<string>());
        Assert.Equal(1, afterStatus["status"]!["observedGeneration"]!.GetValue<int>());
        Assert.Equal(1, afterMain!["status"]!["observedGeneration"]!.GetValue<int>());
    }

    [Fact]
    public async Task Scale_subresource_reads_and_writes_an_autoscaling_v1_Scale()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));

        var scale = await sandbox.Client.AppsV1.ReadNamespacedDeploymentScaleAsync("web", "default");
        scale.Spec.Replicas = 5;
        scale.Metadata.ResourceVersion = null; // unconditional: the controllers write status meanwhile
        var written = await sandbox.Client.AppsV1.ReplaceNamespacedDeploymentScaleAsync(scale, "web", "default");
        var patched = await sandbox.Client.AppsV1.PatchNamespacedDeploymentScaleAsync(
            new V1Patch("{\"spec\":{\"replicas\":6}}", V1Patch.PatchType.MergePatch), "web", "default");
        var deployment = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");

        Assert.Equal("app=web", scale.Status.Selector);
        Assert.Equal(5, written.Spec.Replicas);
        Assert.Equal(6, patched.Spec.Replicas);
        Assert.Equal(6, deployment.Spec.Replicas);
    }

    [Fact]
    public async Task Cluster_scoped_objects_are_served_without_a_namespace_and_mutating_webhook_configurations_are_stored()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var webhook = new JsonObject
        {
            ["apiVersion"] = "admissionregistration.k8s.io/v1",
            ["kind"] = "MutatingWebhookConfiguration",
            ["metadata"] = new JsonObject { ["name"] = "greylane" },
            ["webhooks"] = new JsonArray(),
        };

        var (code, created, _) = await sandbox.SendAsync(HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", webhook);
        var (_, list, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations");

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Null(created!["metadata"]!["namespace"]);
        Assert.Single(list!["items"]!.AsArray());
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_everything_in_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Client.CoreV1.CreateNamespaceAsync(Typed<V1Namespace>(Manifests.Namespace("team")));
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(Typed<V1ConfigMap>(Manifests.ConfigMap("c", "team")), "team");
        await sandbox.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/team/deployments", Manifests.Deployment("web", ns: "team"));

        await sandbox.Client.CoreV1.DeleteNamespaceAsync("team");

        Assert.Empty((await sandbox.Client.CoreV1.ListNamespacedConfigMapAsync("team")).Items);
        Assert.Empty((await sandbox.Client.AppsV1.ListNamespacedDeploymentAsync("team")).Items);
        Assert.DoesNotContain((await sandbox.Client.CoreV1.ListNamespaceAsync()).Items, n => n.Metadata.Name == "team");
    }

    [Fact]
    public async Task Core_and_events_k8s_io_events_can_be_created()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var involved = new V1ObjectReference { Kind = "Deployment", Name = "web", NamespaceProperty = "default" };

        var core = await sandbox.Client.CoreV1.CreateNamespacedEventAsync(
            new Corev1Event { Metadata = new V1ObjectMeta { GenerateName = "web." }, InvolvedObject = involved, Reason = "ScalingReplicaSet", Message = "Scaled up", Type = "Normal" },
            "default");
        var modern = await sandbox.Client.EventsV1.CreateNamespacedEventAsync(
            new Eventsv1Event { Metadata = new V1ObjectMeta { Name = "web.1" }, Regarding = involved, Reason = "ScalingReplicaSet", Note = "Scaled up", Type = "Normal", Action = "Scale", ReportingController = "sandbox", ReportingInstance = "sandbox-1", EventTime = DateTime.UtcNow },
            "default");

        Assert.StartsWith("web.", core.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("web.1", modern.Metadata.Name);
    }

    [Fact]
    public async Task DryRun_All_answers_the_object_without_storing_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, $"{Deployments}?dryRun=All", Manifests.Deployment("web"));

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("RollingUpdate", body!["spec"]!["strategy"]!["type"]!.GetValue<string>());
        Assert.Null(sandbox.Store.Get(Greylane.Sandbox.Storage.BuiltInResources.Deployments, "default", "web"));
    }

    [Fact]
    public async Task Deleting_a_deployment_answers_a_Success_Status_and_deleting_a_custom_object_answers_the_object()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        await sandbox.Server.ApplyManifestsAsync(Manifests.VirtualService("web").ToJsonString());

        var (_, status, _) = await sandbox.SendAsync(HttpMethod.Delete, $"{Deployments}/web");
        var (_, vs, _) = await sandbox.SendAsync(HttpMethod.Delete, "/apis/networking.istio.io/v1/namespaces/default/virtualservices/web");

        Assert.Equal("Success", status!["status"]!.GetValue<string>());
        Assert.Equal("deployments", status["details"]!["kind"]!.GetValue<string>());
        Assert.Equal("VirtualService", vs!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Delete_with_propagationPolicy_Orphan_leaves_the_replicaset_without_its_owner_reference()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (sandbox.Store.List(Greylane.Sandbox.Storage.BuiltInResources.ReplicaSets, "default").Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20);
        }

        await sandbox.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", "default", new V1DeleteOptions { PropagationPolicy = "Orphan" });
        await Task.Delay(300); // the time the garbage collector would need to delete a still-owned ReplicaSet

        var replicaSet = Assert.Single(sandbox.Store.List(Greylane.Sandbox.Storage.BuiltInResources.ReplicaSets, "default"));
        Assert.Null(replicaSet["metadata"]!["ownerReferences"]);
    }

    [Fact]
    public async Task A_service_gets_a_cluster_IP_and_port_defaults_that_survive_an_update_without_them()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var service = new V1Service
        {
            Metadata = new V1ObjectMeta { Name = "web" },
            Spec = new V1ServiceSpec { Selector = new Dictionary<string, string> { ["app"] = "web" }, Ports = [new V1ServicePort { Port = 80 }] },
        };

        var created = await sandbox.Client.CoreV1.CreateNamespacedServiceAsync(service, "default");
        service.Metadata.ResourceVersion = created.Metadata.ResourceVersion;
        var updated = await sandbox.Client.CoreV1.ReplaceNamespacedServiceAsync(service, "web", "default");

        Assert.Equal("ClusterIP", created.Spec.Type);
        Assert.Equal("TCP", created.Spec.Ports[0].Protocol);
        Assert.Equal("80", created.Spec.Ports[0].TargetPort.Value);
        Assert.Equal(created.Spec.ClusterIP, updated.Spec.ClusterIP);
    }

    // The deployment controller writes status concurrently: a client re-reads and retries on 409, as against a real cluster.
    private static async Task<V1Deployment> ReplaceWithRetryAsync(TestSandbox sandbox, Action<V1Deployment> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var current = await sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync("web", "default");
            change(current);
            try
            {
                return await sandbox.Client.AppsV1.ReplaceNamespacedDeploymentAsync(current, "web", "default");
            }
            catch (HttpOperationException ex) when (ex.Response.StatusCode == HttpStatusCode.Conflict && attempt < 10)
            {
            }
        }
    }

    internal static T Typed<T>(JsonObject obj) => KubernetesJson.Deserialize<T>(obj.ToJsonString());
}
