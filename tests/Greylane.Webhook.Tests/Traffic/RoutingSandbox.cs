using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Release;
using Greylane.Core.Strategy;
using Greylane.Testing.Repository;
using Greylane.Testing.Sandboxes;
using Greylane.Webhook.Support.Tests;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>An in-process sandbox with Istio's CRDs and the seed's objects (namespace e2e), and routers that talk to it.</summary>
internal sealed class RoutingSandbox : IAsyncDisposable
{
    public const string Ns = "e2e";

    private static readonly string[] SeedFiles = ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    private readonly TestSandbox _sandbox;

    private RoutingSandbox(TestSandbox sandbox)
    {
        _sandbox = sandbox;
        Api = new RoutingApi(Client, Fences.Open());
    }

    /// <summary>A plain client: what a person or a GitOps tool uses.</summary>
    public Kubernetes Client => _sandbox.Client;

    public RoutingApi Api { get; }

    public static async Task<RoutingSandbox> StartAsync(bool istio = true, bool seed = true)
    {
        var sandbox = new RoutingSandbox(await TestSandbox.StartAsync());
        if (istio)
        {
            await sandbox._sandbox.Server.ApplyIstioCrdsAsync();
        }

        var files = seed ? SeedFiles : SeedFiles.Where(f => f is "namespace.yaml" or "mocka.yaml" or "mockb.yaml");
        await sandbox.ApplyAsync(string.Join("\n---\n", files.Select(f => File.ReadAllText(RepositoryRoot.Combine("manifests", "samples", "seed", f)))));
        return sandbox;
    }

    public Task<IReadOnlyList<JsonObject>> ApplyAsync(string yaml) => _sandbox.ApplyAsync(yaml);

    /// <summary>A router whose requests pass through <paramref name="handlers"/>.</summary>
    public IstioTrafficRouter Router(params DelegatingHandler[] handlers) =>
        new(_sandbox.NewClient(handlers), Fences.Open(), NullLogger<IstioTrafficRouter>.Instance);

    /// <summary>
    /// The release of <paramref name="deployment"/> as the controller would pass it: the strategy of its annotation (or
    /// <paramref name="inline"/>) over <paramref name="shared"/>, stable = the hash of its current template.
    /// </summary>
    public async Task<RoutedRelease> ReleaseAsync(string deployment, string? inline = null, string? shared = null, string release = "0a1b2c3d4e")
    {
        var d = await Client.AppsV1.ReadNamespacedDeploymentAsync(deployment, Ns);
        var read = StrategyReader.Read(inline ?? d.Metadata.Annotations?[GreylaneKeys.Strategy], shared);
        Assert.True(read.IsValid, string.Join("; ", read.Errors.Select(e => e.ToString())));
        return new RoutedRelease(d, read.Strategy!, release, Hash(d.Spec.Template));
    }

    public static string Hash(V1PodTemplateSpec template)
    {
        using var document = JsonDocument.Parse(KubernetesJson.Serialize(template));
        return TemplateHash.Compute(document.RootElement);
    }

    public async Task<JsonObject?> IstioAsync(IstioKind kind, string name) => (await Api.GetAsync(kind, Ns, name, CancellationToken.None)).Object;

    public async Task<JsonObject> VirtualServiceAsync(string name) =>
        await IstioAsync(IstioKind.VirtualService, name) ?? throw new InvalidOperationException($"no VirtualService {name}");

    public async Task<JsonObject> DestinationRuleAsync(string name) =>
        await IstioAsync(IstioKind.DestinationRule, name) ?? throw new InvalidOperationException($"no DestinationRule {name}");

    public Task<JsonObject?> ServiceAsync(string name) => Api.GetServiceAsync(Ns, name, CancellationToken.None);

    /// <summary>Writes <paramref name="obj"/> as someone else would (a person, a GitOps sync), with its resourceVersion.</summary>
    public async Task ReplaceAsync(JsonObject obj)
    {
        var name = RoutingApi.Name(obj);
        if (IstioKind.Of(RoutingApi.Kind(obj)) is { } kind)
        {
            await Client.CustomObjects.ReplaceNamespacedCustomObjectAsync(obj, IstioKind.Group, kind.Version, Ns, kind.Plural, name);
        }
        else
        {
            await Client.CoreV1.ReplaceNamespacedServiceAsync(KubernetesJson.Deserialize<V1Service>(obj.ToJsonString()), name, Ns);
        }
    }

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();
}
