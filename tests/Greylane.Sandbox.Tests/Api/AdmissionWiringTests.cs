using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Models;

namespace Greylane.Sandbox.Api.Tests;

public sealed class AdmissionWiringTests
{
    private const string Deployments = "/apis/apps/v1/namespaces/default/deployments";

    [Fact]
    public async Task Admission_sees_creates_patches_and_deletes_with_old_objects_and_its_mutation_is_stored()
    {
        var recorder = new RecordingAdmission(mutate: obj => obj["metadata"]!["labels"]!["admitted"] = "yes");
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);

        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        await sandbox.SendAsync(HttpMethod.Patch, $"{Deployments}/web", JsonNode.Parse("""{"spec":{"paused":true}}"""), "application/merge-patch+json");
        await sandbox.SendAsync(HttpMethod.Delete, $"{Deployments}/web");

        // A patch that meets a concurrent write (the sandbox's Deployment controller updating status) is retried, and
        // admission runs again for the retry, as in the real API server's GuaranteedUpdate: one UPDATE or more.
        var all = recorder.Calls.Where(c => c.Resource.Plural == "deployments").ToList();
        var calls = all.Where((c, i) => i == 0 || c.Operation != all[i - 1].Operation).ToList();
        Assert.Equal(["CREATE", "UPDATE", "DELETE"], calls.Select(c => c.Operation));
        Assert.Null(calls[0].OldObject);
        Assert.True(calls[1].Object!["spec"]!["paused"]!.GetValue<bool>());
        Assert.Equal("yes", calls[1].OldObject!["metadata"]!["labels"]!["admitted"]!.GetValue<string>());
        Assert.Null(calls[2].Object);
        Assert.Equal("web", calls[2].OldObject!["metadata"]!["name"]!.GetValue<string>());
        Assert.All(all, c => Assert.Equal("kubernetes-admin", c.UserName));
    }

    [Fact]
    public async Task Admission_warnings_come_back_as_Warning_299_headers()
    {
        var recorder = new RecordingAdmission(warnings: ["greylane: canary pending"]);
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);

        var (_, _, response) = await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));

        Assert.Equal(["299 - \"greylane: canary pending\""], response.Headers.GetValues("Warning"));
    }

    [Fact]
    public async Task An_admission_denial_is_answered_as_a_Status_and_nothing_is_stored()
    {
        var recorder = new RecordingAdmission(deny: (400, "BadRequest", "admission webhook \"greylane.dev\" denied the request: no strategy"));
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("admission webhook \"greylane.dev\" denied the request: no strategy", body!["message"]!.GetValue<string>());
        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "web"));
    }

    [Fact]
    public async Task DryRun_All_is_passed_to_admission_and_nothing_is_stored()
    {
        var recorder = new RecordingAdmission();
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);

        await sandbox.SendAsync(HttpMethod.Post, $"{Deployments}?dryRun=All", Manifests.Deployment("web"));

        Assert.True(Assert.Single(recorder.Calls, c => c.Resource.Plural == "deployments").DryRun);
        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "web"));
    }

    [Fact]
    public async Task A_stored_webhook_that_cannot_be_reached_rejects_writes_under_failurePolicy_Fail()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var configuration = JsonNode.Parse("""
            {"apiVersion":"admissionregistration.k8s.io/v1","kind":"MutatingWebhookConfiguration","metadata":{"name":"greylane"},
             "webhooks":[{"name":"greylane.example.com","admissionReviewVersions":["v1"],"sideEffects":"None","failurePolicy":"Fail","timeoutSeconds":2,
               "clientConfig":{"url":"https://127.0.0.1:1/mutate"},
               "rules":[{"apiGroups":["apps"],"apiVersions":["v1"],"operations":["CREATE"],"resources":["deployments"]}]}]}
            """);
        await sandbox.SendAsync(HttpMethod.Post, "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations", configuration);

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        var (configMapCode, _, _) = await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", Manifests.ConfigMap("c"));

        Assert.True((int)code >= 400, $"expected a rejection, got {(int)code}");
        Assert.Contains("failed calling webhook \"greylane.example.com\"", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Created, configMapCode);
    }

    [Fact]
    public async Task The_kubeconfig_s_greylane_context_writes_as_Greylane_s_ServiceAccount_and_its_current_context_as_the_admin()
    {
        var recorder = new RecordingAdmission();
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);
        await sandbox.SendAsync(HttpMethod.Post, Deployments, Manifests.Deployment("web"));
        using var admin = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath));
        using var greylane = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(sandbox.KubeconfigPath, currentContext: SandboxServer.GreylaneContext));

        await admin.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"paused":true}}""", V1Patch.PatchType.MergePatch), "web", "default");
        await greylane.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch("""{"spec":{"paused":false}}""", V1Patch.PatchType.MergePatch), "web", "default");

        // A retried patch (a concurrent status write) is admitted again: consecutive calls of one user are one write.
        var updates = recorder.Calls.Where(c => c.Operation == "UPDATE" && c.Resource.Plural == "deployments").Select(c => c.UserName).ToList();
        Assert.Equal([SandboxUsers.Admin, SandboxUsers.Greylane], updates.Where((user, i) => i == 0 || user != updates[i - 1]));
        Assert.Equal("system:serviceaccount:greylane-system:greylane", SandboxUsers.Greylane);
    }

    [Fact]
    public async Task An_unknown_bearer_token_is_refused_with_401_naming_the_tokens_the_sandbox_knows_and_nothing_is_written()
    {
        var recorder = new RecordingAdmission();
        await using var sandbox = await TestSandbox.StartAsync(admission: _ => recorder);
        using var request = new HttpRequestMessage(HttpMethod.Post, Deployments)
        {
            Content = new StringContent(Manifests.Deployment("web").ToJsonString(), System.Text.Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", "stolen");

        using var response = await sandbox.Http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("Unauthorized", status["reason"]!.GetValue<string>());
        var message = status["message"]!.GetValue<string>();
        Assert.Contains($"'{SandboxUsers.AdminToken}'", message, StringComparison.Ordinal);
        Assert.Contains($"'{SandboxUsers.GreylaneToken}'", message, StringComparison.Ordinal);
        Assert.Empty(recorder.Calls);
        Assert.Null(sandbox.Store.Get(BuiltInResources.Deployments, "default", "web"));
    }

    private sealed class RecordingAdmission(
        Action<JsonObject>? mutate = null, IReadOnlyList<string>? warnings = null, (int Code, string Reason, string Message)? deny = null) : IAdmissionChain
    {
        public List<AdmissionAttributes> Calls { get; } = [];

        public Task<AdmissionOutcome> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
        {
            Calls.Add(attributes with
            {
                Object = (JsonObject?)attributes.Object?.DeepClone(),
                OldObject = (JsonObject?)attributes.OldObject?.DeepClone(),
            });
            if (deny is { } d)
            {
                return Task.FromResult(new AdmissionOutcome(false, null, [], d.Code, d.Reason, d.Message));
            }

            var obj = (JsonObject?)attributes.Object?.DeepClone();
            if (obj is not null && attributes.Operation == "CREATE")
            {
                mutate?.Invoke(obj);
            }

            return Task.FromResult(new AdmissionOutcome(true, obj, warnings ?? []));
        }
    }
}
