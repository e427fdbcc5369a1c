using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Patching.Tests;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

/// <summary>Server-side apply and managedFields over HTTP, answered as kube-apiserver answers them.</summary>
public sealed class ServerSideApplyTests
{
    private const string Web = "/apis/apps/v1/namespaces/default/deployments/web";
    private const string ApplyYaml = "application/apply-patch+yaml";

    private static readonly string Config = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: web, labels: {app: web}}
        spec:
          replicas: 2
          selector: {matchLabels: {app: web}}
          template:
            metadata: {labels: {app: web}}
            spec: {containers: [{name: app, image: "web:1"}]}
        """;

    [Fact]
    public async Task Apply_creates_a_missing_object_with_201_and_records_the_applier()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body) = await ApplyAsync(sandbox, Web + "?fieldManager=ci", Config);

        Assert.Equal(HttpStatusCode.Created, code);
        var entry = body!["metadata"]!["managedFields"]![0]!;
        Assert.Equal("ci", (string?)entry["manager"]);
        Assert.Equal("Apply", (string?)entry["operation"]);
        Assert.Equal("IfNotPresent", (string?)body["spec"]!["template"]!["spec"]!["containers"]![0]!["imagePullPolicy"]);
        Assert.NotNull(sandbox.Store.Get(BuiltInResources.Deployments, "default", "web"));
    }

    [Fact]
    public async Task Apply_without_a_field_manager_is_422_with_the_real_message()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var (code, body) = await ApplyAsync(sandbox, Web, Config);

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Equal("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", (string?)body!["message"]);
        Assert.Equal("FieldValueRequired", (string?)body["details"]!["causes"]![0]!["reason"]);
    }

    [Fact]
    public async Task Force_on_a_merge_patch_is_refused_as_the_real_server_refuses_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await ApplyAsync(sandbox, Web + "?fieldManager=ci", Config);

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Patch, Web + "?force=true", JsonNode.Parse("""{"spec":{"replicas":3}}"""), "application/merge-patch+json");

        Assert.Equal((HttpStatusCode)422, code);
        Assert.Contains("force: Forbidden: may not be specified for non-apply patch", (string?)body!["message"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_is_409_with_one_FieldManagerConflict_cause_per_field()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await ApplyAsync(sandbox, Web + "?fieldManager=helm", Config);

        var (code, body) = await ApplyAsync(sandbox, Web + "?fieldManager=ci", Config.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Conflict", (string?)body!["reason"]);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"helm\": .spec.replicas", (string?)body["message"]);
        var cause = body["details"]!["causes"]![0]!;
        Assert.Equal("FieldManagerConflict", (string?)cause["reason"]);
        Assert.Equal("conflict with \"helm\"", (string?)cause["message"]);
        Assert.Equal(".spec.replicas", (string?)cause["field"]);

        var (forced, _) = await ApplyAsync(sandbox, Web + "?fieldManager=ci&force=true", Config.Replace("replicas: 2", "replicas: 5", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, forced);
    }

    [Fact]
    public async Task Dry_run_apply_runs_admission_with_dryRun_true_and_writes_nothing()
    {
        var admission = new Recorder();
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => admission);

        var (code, body) = await ApplyAsync(sandbox, Web + "?fieldManager=ci&dryRun=All", Config);

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.Equal("ci", (string?)body!["metadata"]!["managedFields"]![0]!["manager"]);
        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "web"));
        var call = Assert.Single(admission.Calls, c => c.Resource.Plural == "deployments");
        Assert.True(call.DryRun);
        Assert.Equal("CREATE", call.Operation);
        Assert.Equal("ci", call.FieldManager);
    }

    [Fact]
    public async Task A_field_a_webhook_sets_is_not_owned_by_the_applier()
    {
        var admission = new Recorder(obj => ((JsonObject)obj["metadata"]!["labels"]!)["injected"] = "yes");
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => admission);

        var (_, body) = await ApplyAsync(sandbox, Web + "?fieldManager=ci", Config);

        Assert.Equal("yes", (string?)body!["metadata"]!["labels"]!["injected"]);
        var labels = body["metadata"]!["managedFields"]![0]!["fieldsV1"]!["f:metadata"]!["f:labels"]!.AsObject();
        Assert.Equal(["f:app"], labels.Select(p => p.Key));
    }

    [Fact]
    public async Task Updates_are_recorded_under_the_program_name_of_the_user_agent()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, "/apis/apps/v1/namespaces/default/deployments?fieldManager=greylane", Manifests.Deployment("web"));

        using var request = new HttpRequestMessage(HttpMethod.Patch, Web)
        {
            Content = new StringContent("""{"spec":{"replicas":4}}""", Encoding.UTF8),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/merge-patch+json");
        request.Headers.TryAddWithoutValidation("User-Agent", "kubectl-edit/v1.35.2 (linux/amd64) kubernetes/abcdef");
        using var response = await sandbox.Http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var managers = body["metadata"]!["managedFields"]!.AsArray().Select(e => $"{e!["manager"]}/{e["operation"]}/{e["apiVersion"]}").ToList();
        Assert.Equal(["greylane/Update/apps/v1", "kubectl-edit/Update/apps/v1"], managers);
        var edit = body["metadata"]!["managedFields"]![1]!["fieldsV1"]!.ToJsonString();
        Assert.Equal("""{"f:spec":{"f:replicas":{}}}""", edit);
    }

    [Fact]
    public async Task Apply_to_the_status_subresource_is_recorded_with_the_subresource_and_changes_only_status()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await ApplyAsync(sandbox, Web + "?fieldManager=ci", Config);

        var (code, body) = await ApplyAsync(sandbox, Web + "/status?fieldManager=probe", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec: {replicas: 9}
            status: {observedGeneration: 7}
            """);

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(2L, (long?)body!["spec"]!["replicas"]);
        var probe = body["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == "probe")!;
        Assert.Equal("status", (string?)probe["subresource"]);
        Assert.Equal("""{"f:status":{"f:observedGeneration":{}}}""", probe["fieldsV1"]!.ToJsonString());
    }

    [Fact]
    public async Task Custom_resources_merge_by_the_list_types_of_their_CRD_schema()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyManifestsAsync(WidgetCrd);
        const string widget = "/apis/example.dev/v1/namespaces/default/widgets/w";

        await ApplyAsync(sandbox, widget + "?fieldManager=a", "{apiVersion: example.dev/v1, kind: Widget, metadata: {name: w}, spec: {ports: [{name: http, port: 80}], tags: [x]}}");
        var (code, body) = await ApplyAsync(sandbox, widget + "?fieldManager=b", "{apiVersion: example.dev/v1, kind: Widget, metadata: {name: w}, spec: {ports: [{name: admin, port: 90}], tags: [y]}}");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(["http", "admin"], body!["spec"]!["ports"]!.AsArray().Select(p => (string?)p!["name"]));
        Assert.Equal(["x", "y"], body["spec"]!["tags"]!.AsArray().Select(t => (string?)t));
        var b = body["metadata"]!["managedFields"]!.AsArray().Single(e => (string?)e!["manager"] == "b")!;
        Json.Equal("""{"f:spec":{"f:ports":{"k:{\"name\":\"admin\"}":{".":{},"f:name":{},"f:port":{}}},"f:tags":{"v:\"y\"":{}}}}""", b["fieldsV1"]);
    }

    [Fact]
    public async Task OpenAPI_v2_is_served_as_protobuf_when_asked_and_as_JSON_otherwise()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        using var proto = await sandbox.Http.SendAsync(request);
        var (code, json, _) = await sandbox.SendAsync(HttpMethod.Get, "/openapi/v2");

        Assert.Equal(HttpStatusCode.OK, proto.StatusCode);
        var bytes = await proto.Content.ReadAsByteArrayAsync();
        Assert.Equal(new byte[] { 0x0A, 3, (byte)'2', (byte)'.', (byte)'0' }, bytes[..5]);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("2.0", (string?)json!["swagger"]);
    }

    private const string WidgetCrd = """
        apiVersion: apiextensions.k8s.io/v1
        kind: CustomResourceDefinition
        metadata: {name: widgets.example.dev}
        spec:
          group: example.dev
          names: {kind: Widget, plural: widgets}
          scope: Namespaced
          versions:
          - name: v1
            served: true
            storage: true
            schema:
              openAPIV3Schema:
                type: object
                properties:
                  spec:
                    type: object
                    properties:
                      ports:
                        type: array
                        x-kubernetes-list-type: map
                        x-kubernetes-list-map-keys: [name]
                        items: {type: object, properties: {name: {type: string}, port: {type: integer}}}
                      tags:
                        type: array
                        x-kubernetes-list-type: set
                        items: {type: string}
        """;

    private static async Task<(HttpStatusCode Code, JsonObject? Body)> ApplyAsync(TestSandbox sandbox, string path, string yaml)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, path) { Content = new StringContent(yaml, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ApplyYaml);
        using var response = await sandbox.Http.SendAsync(request);
        return (response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync()) as JsonObject);
    }

    private sealed class Recorder(Action<JsonObject>? mutate = null) : IAdmissionChain
    {
        public List<AdmissionAttributes> Calls { get; } = [];

        public Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
        {
            Calls.Add(attributes);
            var obj = (JsonObject?)attributes.Object?.DeepClone();
            if (obj is not null && attributes.Resource.Plural == "deployments")
                mutate?.Invoke(obj);
            return Task.FromResult(new AdmissionOutcome(true, obj, []));
        }
    }
}
