using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Manifests.Rendering.Tests;
using Greylane.Manifests.Safety.Tests;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Certificates;
using Greylane.Testing.Hosts;
using Greylane.Testing.Sandboxes;

namespace Greylane.Manifests.Chart.Tests;

/// <summary>helm install of manifests/chart/greylane into the sandbox, and the installed webhook configuration serving a release.</summary>
public sealed class HelmChartInstallTests
{
    private const string Namespace = ManifestSafety.DefaultNamespace;

    private static string CaBundle() => Convert.ToBase64String(Encoding.ASCII.GetBytes(TestPki.Ca.ExportCertificatePem()));

    private static Task<string> InstallAsync(TestSandbox cluster, params string[] options) =>
        cluster.Helm.OkAsync(
        [
            "install", GreylaneChart.Release, GreylaneChart.Path, "--namespace", Namespace, "--create-namespace",
            "--set", $"certificates.secret.caBundle={CaBundle()}", "--wait", "--timeout", "60s", .. options,
        ]);

    [Fact]
    public async Task Install_creates_the_rendered_webhook_configuration_service_and_a_ready_deployment()
    {
        await using var cluster = await TestSandbox.StartAsync();

        await InstallAsync(cluster);

        var rendered = RenderedManifests.Parse(await GreylaneChart.TemplateAsync("--set", $"certificates.secret.caBundle={CaBundle()}"));
        var manifest = RenderedManifests.Parse(await cluster.Helm.OkAsync("get", "manifest", GreylaneChart.Release, "--namespace", Namespace));
        var configuration = cluster.Stored(BuiltInResources.MutatingWebhookConfigurations, null, "greylane");
        var service = cluster.Stored(BuiltInResources.Services, Namespace, "greylane-webhook");
        var deployment = cluster.Stored(BuiltInResources.Deployments, Namespace, "greylane");
        var renderedWebhook = rendered.Single("MutatingWebhookConfiguration", "greylane")["webhooks"]![0]!;
        var storedWebhook = configuration["webhooks"]![0]!;
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        var renderedContainer = rendered.Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal(rendered.ToYaml(), manifest.ToYaml());
        foreach (var field in new[] { "clientConfig", "rules", "namespaceSelector", "matchConditions", "failurePolicy", "sideEffects", "timeoutSeconds", "reinvocationPolicy", "admissionReviewVersions" })
        {
            Assert.True(JsonNode.DeepEquals(renderedWebhook[field], storedWebhook[field]), $"{field}: rendered {renderedWebhook[field]?.ToJsonString()}, stored {storedWebhook[field]?.ToJsonString()}");
        }

        Assert.Equal(storedWebhook["clientConfig"]!["service"]!["name"]!.GetValue<string>(), service["metadata"]!["name"]!.GetValue<string>());
        Assert.All(
            service["spec"]!["selector"]!.AsObject(),
            label => Assert.Equal(label.Value!.GetValue<string>(), deployment["spec"]!["template"]!["metadata"]!["labels"]![label.Key]?.GetValue<string>()));
        Assert.Equal("https", service["spec"]!["ports"]![0]!["targetPort"]!.GetValue<string>());
        Assert.Contains(container["ports"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "https");
        Assert.True(JsonNode.DeepEquals(renderedContainer["args"], container["args"]));
        Assert.True(JsonNode.DeepEquals(renderedContainer["securityContext"], container["securityContext"]));
        Assert.Equal(2, deployment["status"]!["readyReplicas"]!.GetValue<long>());
    }

    [Fact]
    public async Task The_installed_configuration_sends_opted_in_deployments_to_a_running_Greylane_which_holds_a_release()
    {
        using var files = CertificateFiles.Plain(TestPki.Issue("greylane-webhook"));
        await using var greylane = await WebhookServer.StartAsync(files);
        await using var cluster = await TestSandbox.StartAsync();
        await InstallAsync(cluster, "--set", $"webhook.url={greylane.BaseAddress}");
        await cluster.Server.ApplyManifestsAsync(OptedIn("shop:1"));
        await cluster.WaitForAsync(BuiltInResources.Deployments, "default", "shop", d => d["status"]?["readyReplicas"]?.GetValue<long>() == 2, "2 ready replicas");

        await cluster.Server.ApplyManifestsAsync(OptedIn("shop:2"));

        var deployment = cluster.Stored(BuiltInResources.Deployments, "default", "shop");
        Assert.True(deployment["spec"]!["paused"]!.GetValue<bool>());
        Assert.NotNull(deployment["metadata"]!["annotations"]![GreylaneKeys.Release]);
        Assert.Equal("true", deployment["metadata"]!["labels"]![GreylaneKeys.Managed]!.GetValue<string>());
    }

    private static string OptedIn(string image) => $$$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: shop
          namespace: default
          annotations: {greylane.dev/enabled: "true"}
        spec:
          replicas: 2
          selector: {matchLabels: {app: shop}}
          template:
            metadata: {labels: {app: shop}}
            spec:
              containers: [{name: shop, image: "{{{image}}}"}]
        """;
}
