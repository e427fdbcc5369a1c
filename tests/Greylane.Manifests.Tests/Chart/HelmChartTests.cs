using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;
using Greylane.Manifests.Safety.Tests;
using Greylane.Testing.Processes;

namespace Greylane.Manifests.Chart.Tests;

/// <summary>manifests/chart/greylane: the same installation as the kustomize base, held to the same safety rules.</summary>
public sealed class HelmChartTests
{
    private static readonly string[] CertManager = ["--set", "certificates.mode=cert-manager"];

    private static JsonNode Pod(RenderedManifests manifests) =>
        manifests.Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!;

    private static JsonNode Webhook(RenderedManifests manifests) =>
        manifests.Single("MutatingWebhookConfiguration", "greylane")["webhooks"]![0]!;

    [Fact]
    public async Task Default_values_pass_every_safety_check() =>
        Assert.Empty(ManifestSafety.Check(await GreylaneChart.TemplateAsync()));

    [Fact]
    public async Task Cert_manager_variant_passes_every_safety_check() =>
        Assert.Empty(ManifestSafety.Check(await GreylaneChart.TemplateAsync(CertManager)));

    [Fact]
    public async Task Installing_into_another_namespace_passes_the_checks_for_that_namespace() =>
        Assert.Empty(ManifestSafety.Check(
            await HelmCommand.Offline().OkAsync("template", "gl", GreylaneChart.Path, "--namespace", "platform"), "platform"));

    [Fact]
    public async Task Lint_passes_for_default_values_and_the_cert_manager_variant()
    {
        await HelmCommand.Offline().OkAsync("lint", GreylaneChart.Path, "--strict");
        await HelmCommand.Offline().OkAsync(["lint", GreylaneChart.Path, "--strict", .. CertManager]);
    }

    [Fact]
    public async Task Chart_renders_the_objects_of_the_base_but_the_namespace()
    {
        var chart = RenderedManifests.Parse(await GreylaneChart.TemplateAsync());
        var kustomize = RenderedManifests.Parse(Rendered.Base);

        // Helm writes its release record into the namespace before it creates any object, so a chart cannot
        // create its own namespace: `helm install -n greylane-system --create-namespace` does.
        Assert.Equal(
            kustomize.Objects.Where(o => ManifestJson.Text(o["kind"]) != "Namespace").Select(RenderedManifests.Describe).Order(StringComparer.Ordinal),
            chart.Objects.Select(RenderedManifests.Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Chart_grants_exactly_what_the_base_grants()
    {
        var chart = RenderedManifests.Parse(await GreylaneChart.TemplateAsync());
        var kustomize = RenderedManifests.Parse(Rendered.Base);

        foreach (var (kind, name) in new[] { ("ClusterRole", "greylane"), ("Role", "greylane-leader-election") })
        {
            Assert.Equal(Grants(kustomize.Single(kind, name)), Grants(chart.Single(kind, name)));
        }
    }

    [Fact]
    public async Task Chart_runs_the_same_hardened_pod_and_webhook_as_the_base()
    {
        var chart = RenderedManifests.Parse(await GreylaneChart.TemplateAsync());
        var kustomize = RenderedManifests.Parse(Rendered.Base);
        var chartDeployment = chart.Single("Deployment", "greylane")["spec"]!;
        var baseDeployment = kustomize.Single("Deployment", "greylane")["spec"]!;

        foreach (var field in new[] { "replicas", "strategy", "revisionHistoryLimit" })
        {
            Assert.True(JsonNode.DeepEquals(baseDeployment[field], chartDeployment[field]), field);
        }

        foreach (var field in new[] { "containers", "securityContext", "volumes", "serviceAccountName", "automountServiceAccountToken" })
        {
            Assert.True(JsonNode.DeepEquals(Pod(kustomize)[field], Pod(chart)[field]), $"{field}: base {Pod(kustomize)[field]?.ToJsonString()}\nchart {Pod(chart)[field]?.ToJsonString()}");
        }

        Assert.True(JsonNode.DeepEquals(Webhook(kustomize), Webhook(chart)), $"base {Webhook(kustomize).ToJsonString()}\nchart {Webhook(chart).ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(
            kustomize.Single("Service", "greylane-webhook")["spec"]!["ports"],
            chart.Single("Service", "greylane-webhook")["spec"]!["ports"]));
        Assert.Equal(1, ManifestJson.Whole(chart.Single("PodDisruptionBudget", "greylane")["spec"]!["minAvailable"]));
    }

    [Fact]
    public async Task Cert_manager_variant_issues_the_mounted_secret_and_injects_its_ca()
    {
        var manifests = RenderedManifests.Parse(await GreylaneChart.TemplateAsync(CertManager));
        var certificate = manifests.Single("Certificate", "greylane-webhook");
        var mounted = Pod(manifests)["volumes"]!.AsArray().Single(v => ManifestJson.Text(v!["name"]) == "tls")!["secret"]!["secretName"];

        Assert.Equal(ManifestJson.Text(mounted), ManifestJson.Text(certificate["spec"]!["secretName"]));
        Assert.Equal(
            ["greylane-webhook.greylane-system.svc", "greylane-webhook.greylane-system.svc.cluster.local"],
            certificate["spec"]!["dnsNames"]!.AsArray().Select(ManifestJson.Text));
        Assert.Equal("greylane-ca", ManifestJson.Text(certificate["spec"]!["issuerRef"]!["name"]));
        Assert.True(ManifestJson.Flag(manifests.Single("Certificate", "greylane-ca")["spec"]!["isCA"]));
        Assert.NotNull(manifests.Single("Issuer", "greylane-selfsigned")["spec"]!["selfSigned"]);
        Assert.Equal("greylane-ca", ManifestJson.Text(manifests.Single("Issuer", "greylane-ca")["spec"]!["ca"]!["secretName"]));
        Assert.Equal(
            "greylane-system/greylane-webhook",
            ManifestJson.Text(manifests.Single("MutatingWebhookConfiguration", "greylane")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]));
    }

    [Fact]
    public async Task Cert_manager_variant_with_an_issuer_of_your_own_makes_no_ca()
    {
        var manifests = RenderedManifests.Parse(await GreylaneChart.TemplateAsync(
            [.. CertManager, "--set", "certificates.certManager.issuerRef.name=corp-ca", "--set", "certificates.certManager.issuerRef.kind=ClusterIssuer"]));

        Assert.Equal(["Certificate greylane-system/greylane-webhook"], manifests.Objects.Where(o => ManifestJson.Text(o["apiVersion"])!.StartsWith("cert-manager.io/", StringComparison.Ordinal)).Select(RenderedManifests.Describe));
        Assert.Equal("""{"kind":"ClusterIssuer","name":"corp-ca"}""", manifests.Single("Certificate", "greylane-webhook")["spec"]!["issuerRef"]!.ToJsonString());
        Assert.Empty(ManifestSafety.Check(manifests.ToYaml()));
    }

    [Fact]
    public async Task Values_set_the_prometheus_url_image_resources_certificate_and_opt_in_scope()
    {
        var manifests = RenderedManifests.Parse(await GreylaneChart.TemplateAsync(
            "--set", "prometheus.url=http://prometheus.monitoring:9090",
            "--set", "image.repository=registry.example/greylane,image.tag=1.2.3",
            "--set", "resources.requests.cpu=250m,resources.limits.memory=512Mi",
            "--set", "certificates.secret.name=my-tls,certificates.secret.caBundle=Q0EK",
            "--set-string", "optIn.namespaceSelector.matchLabels.greylane\\.dev/opt-in=true",
            "--set", "optIn.excludedNamespaces={istio-system}"));
        var container = Pod(manifests)["containers"]![0]!;
        var webhook = Webhook(manifests);
        var args = container["args"]!.AsArray().Select(ManifestJson.Text).ToList();

        Assert.Equal("http://prometheus.monitoring:9090", args[args.IndexOf("--prometheus-url") + 1]);
        Assert.Equal("registry.example/greylane:1.2.3", ManifestJson.Text(container["image"]));
        Assert.Equal("250m", ManifestJson.Text(container["resources"]!["requests"]!["cpu"]));
        Assert.Equal("512Mi", ManifestJson.Text(container["resources"]!["limits"]!["memory"]));
        Assert.Equal("my-tls", ManifestJson.Text(Pod(manifests)["volumes"]![0]!["secret"]!["secretName"]));
        Assert.Equal("Q0EK", ManifestJson.Text(webhook["clientConfig"]!["caBundle"]));
        Assert.Equal("""{"greylane.dev/opt-in":"true"}""", webhook["namespaceSelector"]!["matchLabels"]!.ToJsonString());
        Assert.Equal(["kube-system", "greylane-system", "istio-system"], webhook["namespaceSelector"]!["matchExpressions"]![0]!["values"]!.AsArray().Select(ManifestJson.Text));
        Assert.Empty(ManifestSafety.Check(manifests.ToYaml()));
    }

    [Fact]
    public async Task Tenancy_is_on_with_the_namespace_label_unless_the_values_say_otherwise()
    {
        var defaults = (await Args()).Where(a => a.StartsWith("--prometheus-tenancy", StringComparison.Ordinal));
        var changed = (await Args("--set", "prometheus.tenancy.enabled=false,prometheus.tenancy.label=kubernetes_namespace")).Where(a => a.StartsWith("--prometheus-tenancy", StringComparison.Ordinal));

        Assert.Equal(["--prometheus-tenancy=on", "--prometheus-tenancy-label=namespace"], defaults);
        Assert.Equal(["--prometheus-tenancy=off", "--prometheus-tenancy-label=kubernetes_namespace"], changed);
    }

    [Fact]
    public async Task A_numeric_image_tag_from_set_is_accepted_as_a_tag()
    {
        var manifests = RenderedManifests.Parse(await GreylaneChart.TemplateAsync("--set", "image.tag=2"));

        Assert.Equal("greylane/greylane:2", ManifestJson.Text(Pod(manifests)["containers"]![0]!["image"]));
    }

    [Theory]
    [InlineData("replicas=1", "replicas: Must be greater than or equal to 2")]
    [InlineData("certificates.mode=vault", "certificates.mode must be one of the following: \"secret\", \"cert-manager\"")]
    [InlineData("prometheus.url=prometheus:9090", "prometheus.url: Does not match pattern")]
    [InlineData("prometheus.tenancy.label=k8s.namespace", "prometheus.tenancy.label: Does not match pattern")]
    [InlineData("prometheus.tenancy.label=__name__", "prometheus.tenancy.label: Does not match pattern")]
    [InlineData("webhook.url=http://127.0.0.1:8443", "webhook.url: Does not match pattern")]
    [InlineData("certificates.secret.name=", "certificates.secret.name")]
    public async Task Wrong_values_are_refused_naming_the_value(string value, string message) =>
        Assert.Contains(message, await GreylaneChart.RefusalAsync("--set", value), StringComparison.Ordinal);

    private static async Task<List<string>> Args(params string[] values) =>
        [.. Pod(RenderedManifests.Parse(await GreylaneChart.TemplateAsync(values)))["containers"]![0]!["args"]!.AsArray().Select(a => ManifestJson.Text(a)!)];

    private static List<string> Grants(JsonObject role) =>
        [.. role["rules"]!.AsArray()
            .SelectMany(rule =>
                from g in rule!["apiGroups"]!.AsArray()
                from r in rule["resources"]!.AsArray()
                from v in rule["verbs"]!.AsArray()
                select $"{ManifestJson.Text(g)}/{ManifestJson.Text(r)}:{ManifestJson.Text(v)}")
            .Order(StringComparer.Ordinal)];
}
