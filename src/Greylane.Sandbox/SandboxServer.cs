using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Defaults;
using Greylane.Sandbox.Server;
using Greylane.Sandbox.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox;

/// <summary>An in-process Kubernetes API server on loopback that KubernetesClient and kubectl talk to unchanged.</summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CrdLifecycle _crds;
    private readonly ManifestLoader _manifests;
    private readonly List<IAsyncDisposable> _background = [];

    private SandboxServer(WebApplication app, InMemoryObjectStore store, CrdLifecycle crds, ManifestLoader manifests)
    {
        _app = app;
        Store = store;
        _crds = crds;
        _manifests = manifests;
    }

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The object store behind the API (what controllers and tests may read and write directly).</summary>
    public IObjectStore Store { get; }

    /// <summary>Starts a sandbox on 127.0.0.1 (<see cref="SandboxOptions.Port"/> 0 picks a free port) with the default namespaces.</summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken ct = default) =>
        StartAsync(options, loggerFactory: null, ct);

    /// <summary>Starts a sandbox that logs through <paramref name="loggerFactory"/> (null: no logging).</summary>
    public static Task<SandboxServer> StartAsync(SandboxOptions options, ILoggerFactory? loggerFactory, CancellationToken ct = default) =>
        StartAsync(options, loggerFactory, admission: null, ct);

    /// <summary>Tests may replace the webhook admission chain with their own.</summary>
    internal static async Task<SandboxServer> StartAsync(
        SandboxOptions options, ILoggerFactory? loggerFactory, Func<IObjectStore, IAdmissionChain>? admission, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (loggerFactory is not null)
        {
            builder.Services.AddSingleton(loggerFactory);
        }

        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var logs = app.Services.GetRequiredService<ILoggerFactory>();
        var store = new InMemoryObjectStore(options, logs.CreateLogger<InMemoryObjectStore>());
        var registry = new ResourceRegistry();
        var chain = admission?.Invoke(store) ?? SandboxAdmission.Create(store, logs);
        var api = new ApiServer(store, registry, chain, options.TimeProvider, logs.CreateLogger<ApiServer>());
        var crds = new CrdLifecycle(store, registry);
        crds.Start();
        var fields = new FieldManagement(registry, options.TimeProvider);
        var server = new SandboxServer(app, store, crds, new ManifestLoader(store, registry, new ResourceWriter(store, chain, fields)));
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            // The API server creates these itself, before any webhook could be registered.
            var ns = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } };
            Defaulting.Apply(BuiltInResources.Namespaces, ns, null);
            store.Create(BuiltInResources.Namespaces, ns);
        }

        app.Run(api.HandleAsync);
        await app.StartAsync(ct);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.BaseAddress = new Uri(address.EndsWith('/') ? address : address + "/");
        api.ServerAddress = $"{server.BaseAddress.Host}:{server.BaseAddress.Port}";
        server._background.Add(SandboxBackground.Start(store, options, logs));
        return server;
    }

    /// <summary>
    /// The kubeconfig context Greylane runs with (<c>--context greylane</c>): its ServiceAccount,
    /// <c>system:serviceaccount:greylane-system:greylane</c>, whose writes the webhook's matchConditions leave alone.
    /// </summary>
    public const string GreylaneContext = Server.KubeconfigWriter.GreylaneContext;

    /// <summary>
    /// Writes a kubeconfig pointing at this sandbox (current context <c>greylane-sandbox</c>, namespace default, the
    /// person; context <see cref="GreylaneContext"/>, Greylane's ServiceAccount) and returns its full path.
    /// </summary>
    public string WriteKubeconfig(string path) => Server.KubeconfigWriter.Write(path, BaseAddress);

    /// <summary>Creates or updates every object of a YAML or JSON manifest stream (like <c>kubectl apply</c>) and returns them as stored.</summary>
    public Task<IReadOnlyList<JsonObject>> ApplyManifestsAsync(string yaml, CancellationToken ct = default) => _manifests.ApplyAsync(yaml, ct);

    /// <summary>Creates the Istio networking CRDs (VirtualService, DestinationRule, Gateway, EnvoyFilter) shipped with the sandbox.</summary>
    public async Task ApplyIstioCrdsAsync(CancellationToken ct = default)
    {
        foreach (var crd in Server.ManifestLoader.IstioCrds())
        {
            await _manifests.ApplyAsync(crd, ct);
        }
    }

    /// <summary>Creates the Gateway API CRDs of the standard channel (GatewayClass, Gateway, HTTPRoute, GRPCRoute, ReferenceGrant).</summary>
    public async Task ApplyGatewayApiCrdsAsync(CancellationToken ct = default)
    {
        foreach (var crd in Server.ManifestLoader.GatewayApiCrds())
        {
            await _manifests.ApplyAsync(crd, ct);
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        foreach (var background in _background)
        {
            await background.DisposeAsync();
        }

        _crds.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
