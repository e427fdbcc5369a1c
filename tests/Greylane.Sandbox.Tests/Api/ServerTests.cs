using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

public sealed class ServerTests
{
    [Fact]
    public async Task ApplyManifests_creates_then_updates_every_document_of_a_YAML_stream()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        const string Yaml = """
            apiVersion: v1
            kind: Namespace
            metadata: {name: shop}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: settings, namespace: shop}
            data: {mode: VALUE}
            """;

        await sandbox.Server.ApplyManifestsAsync(Yaml.Replace("VALUE", "a", StringComparison.Ordinal));
        var applied = await sandbox.Server.ApplyManifestsAsync(Yaml.Replace("VALUE", "b", StringComparison.Ordinal));

        Assert.Equal(2, applied.Count);
        Assert.Equal("b", sandbox.Store.Get(BuiltInResources.ConfigMaps, "shop", "settings")!["data"]!["mode"]!.GetValue<string>());
        Assert.Equal("shop", sandbox.Store.Get(BuiltInResources.Namespaces, null, "shop")!["metadata"]!["labels"]!["kubernetes.io/metadata.name"]!.GetValue<string>());
    }

    [Fact]
    public async Task ApplyManifests_names_an_unknown_kind_and_the_fix()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var error = await Assert.ThrowsAsync<ArgumentException>(() =>
            sandbox.Server.ApplyManifestsAsync("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: web}\n"));

        Assert.Contains("create its CustomResourceDefinition first", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_server_starts_with_the_default_namespaces_and_the_Istio_CRDs_on_request()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        await sandbox.Server.ApplyIstioCrdsAsync();

        Assert.Equal(["default", "kube-node-lease", "kube-public", "kube-system"], sandbox.Store.List(BuiltInResources.Namespaces, null).Select(n => n.Name()));
        Assert.Equal(
            ["destinationrules.networking.istio.io", "envoyfilters.networking.istio.io", "gateways.networking.istio.io", "virtualservices.networking.istio.io"],
            sandbox.Store.List(BuiltInResources.CustomResourceDefinitions, null).Select(c => c.Name()));
    }

    [Fact]
    public async Task The_kubeconfig_points_at_the_server_with_a_default_namespace_context()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var text = await File.ReadAllTextAsync(sandbox.KubeconfigPath);

        Assert.Contains($"server: {sandbox.Server.BaseAddress.ToString().TrimEnd('/')}", text, StringComparison.Ordinal);
        Assert.Contains("current-context: greylane-sandbox", text, StringComparison.Ordinal);
        Assert.Contains("namespace: default", text, StringComparison.Ordinal);
    }
}
