using System.Text.Json.Nodes;

namespace Greylane.Manifests.Rendering.Tests;

public sealed class KustomizeBuildTests
{
    [Fact]
    public void Base_builds_with_every_object_of_an_installation()
    {
        var manifests = RenderedManifests.Parse(Rendered.Base);

        Assert.Equal(
            [
                "ClusterRole greylane", "ClusterRoleBinding greylane", "Deployment greylane-system/greylane",
                "MutatingWebhookConfiguration greylane", "Namespace greylane-system",
                "PodDisruptionBudget greylane-system/greylane", "Role greylane-system/greylane-leader-election",
                "RoleBinding greylane-system/greylane-leader-election", "Service greylane-system/greylane-webhook",
                "ServiceAccount greylane-system/greylane",
            ],
            manifests.Objects.Select(RenderedManifests.Describe).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Base_runs_the_image_with_the_webhook_and_controller_options()
    {
        var container = RenderedManifests.Parse(Rendered.Base).Single("Deployment", "greylane")["spec"]!["template"]!["spec"]!["containers"]![0]!;

        Assert.Equal("greylane/greylane:latest", ManifestJson.Text(container["image"]));
        Assert.Equal(
            "--tls-cert /etc/greylane/tls/tls.crt --tls-key /etc/greylane/tls/tls.key --urls https://0.0.0.0:8443 --leader-elect=true --prometheus-url http://prometheus.istio-system:9090 --prometheus-tenancy=on --prometheus-tenancy-label=namespace",
            string.Join(' ', container["args"]!.AsArray().Select(a => ManifestJson.Text(a))));
    }

    [Fact]
    public void Base_namespace_enforces_the_restricted_pod_security_standard() =>
        Assert.Equal("restricted", ManifestJson.Text(RenderedManifests.Parse(Rendered.Base).Single("Namespace", "greylane-system")["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]));

    [Fact]
    public void Cert_manager_overlay_issues_the_serving_certificate_and_injects_its_ca()
    {
        var manifests = RenderedManifests.Parse(Rendered.CertManager);
        var certificate = manifests.Single("Certificate", "greylane-webhook");
        var configuration = manifests.Single("MutatingWebhookConfiguration", "greylane");

        Assert.Equal("greylane-webhook-tls", ManifestJson.Text(certificate["spec"]!["secretName"]));
        Assert.Contains("greylane-webhook.greylane-system.svc", certificate["spec"]!["dnsNames"]!.AsArray().Select(ManifestJson.Text));
        Assert.Equal("greylane-ca", ManifestJson.Text(certificate["spec"]!["issuerRef"]!["name"]));
        Assert.True(ManifestJson.Flag(manifests.Single("Certificate", "greylane-ca")["spec"]!["isCA"]));
        Assert.NotNull(manifests.Single("Issuer", "greylane-selfsigned")["spec"]!["selfSigned"]);
        Assert.Equal("greylane-system/greylane-webhook", ManifestJson.Text(configuration["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"]));
    }

    [Fact]
    public void Self_signed_overlay_builds_the_secret_and_ca_bundle_from_make_certs_output()
    {
        var (yaml, caBundle) = Rendered.SelfSigned;
        var manifests = RenderedManifests.Parse(yaml);
        var secret = manifests.Single("Secret", "greylane-webhook-tls");
        var webhook = manifests.Single("MutatingWebhookConfiguration", "greylane")["webhooks"]![0]!;

        Assert.Equal("greylane-system", RenderedManifests.Namespace(secret));
        Assert.Equal("kubernetes.io/tls", ManifestJson.Text(secret["type"]));
        Assert.Equal(["ca.crt", "tls.crt", "tls.key"], secret["data"]!.AsObject().Select(p => p.Key).Order(StringComparer.Ordinal));
        Assert.Equal(caBundle, Compact(webhook["clientConfig"]!["caBundle"]));
        Assert.StartsWith("-----BEGIN CERTIFICATE-----", System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(caBundle)), StringComparison.Ordinal);
    }

    private static string Compact(JsonNode? node) =>
        string.Concat((ManifestJson.Text(node) ?? "").Where(c => !char.IsWhiteSpace(c)));
}
