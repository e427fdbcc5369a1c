using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Core.Serialization;
using Greylane.Sandbox;
using Greylane.Testing.Certificates;
using Greylane.Testing.Repository;
using Greylane.Testing.Sandboxes;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Greylane.Testing.Hosts;

/// <summary>
/// The sandbox with Greylane's webhook registered exactly as manifests/base registers it (URL instead of Service),
/// and controllers started and stopped on demand, each a host of its own like a separate replica.
/// </summary>
public sealed class ControllerBed : IAsyncDisposable
{
    public const string Namespace = "shop";

    private readonly TestSandbox _sandbox;
    private readonly CertificateFiles _certificates;
    private readonly WebhookServer _webhook;
    private readonly List<ControllerReplica> _replicas = [];

    private ControllerBed(TestSandbox sandbox, WebhookServer webhook, CertificateFiles certificates)
    {
        _sandbox = sandbox;
        _webhook = webhook;
        _certificates = certificates;
    }

    public SandboxServer Sandbox => _sandbox.Server;

    public string KubeconfigPath => _sandbox.KubeconfigPath;

    /// <summary>A scratch directory removed with the bed.</summary>
    public string Directory => _sandbox.Directory;

    public Kubernetes Client => _sandbox.Client;

    public static async Task<ControllerBed> StartAsync(SandboxOptions? options = null)
    {
        var sandbox = await TestSandbox.StartAsync(options ?? new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(100) });
        var certificates = CertificateFiles.Plain(TestPki.Issue("greylane-webhook"));
        var webhook = await WebhookServer.StartAsync(certificates);
        var bed = new ControllerBed(sandbox, webhook, certificates);
        await bed.RegisterWebhookAsync();
        await sandbox.ApplyAsync($"""
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {ControllerOptions.DefaultLeaseNamespace}{"}"}
            ---
            apiVersion: v1
            kind: Namespace
            metadata: {"{"}name: {Namespace}{"}"}
            """);
        return bed;
    }

    /// <summary>Starts a controller replica; <paramref name="tap"/> sits between it and the API (fault injection, write counting).</summary>
    public async Task<ControllerReplica> StartControllerAsync(string identity = "replica-a", ApiTap? tap = null, bool leaderElection = true, string leaseNamespace = ControllerOptions.DefaultLeaseNamespace, IKubernetes? client = null, Action<IServiceCollection>? services = null)
    {
        var lease = TimeSpan.FromSeconds(3);
        var builder = Host.CreateApplicationBuilder(
        [
            "--kubeconfig", KubeconfigPath,
            "--context", SandboxServer.GreylaneContext,
            "--controller", "true",
            "--identity", identity,
            "--leader-elect", leaderElection ? "true" : "false",
            "--lease-namespace", leaseNamespace,
            "--lease-duration", $"{lease.TotalMilliseconds}ms",
            "--renew-deadline", $"{lease.TotalMilliseconds * 2 / 3}ms",
            "--retry-period", $"{lease.TotalMilliseconds / 6}ms",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath, currentContext: SandboxServer.GreylaneContext);
        builder.Services.AddSingleton(client ?? (tap is null ? new Kubernetes(config) : new Kubernetes(config, tap.NewHandler())));
        builder.Services.AddSingleton(Prometheus.Metrics.NewCustomRegistry());
        services?.Invoke(builder.Services);
        builder.Services.AddGreylaneController(builder.Configuration);
        var host = builder.Build();
        await host.StartAsync();
        var replica = new ControllerReplica(identity, host);
        _replicas.Add(replica);
        return replica;
    }

    public Task<V1Deployment> CreateAsync(string yaml) =>
        Client.AppsV1.CreateNamespacedDeploymentAsync(KubernetesJson.Deserialize<V1Deployment>(YamlJson.Parse(yaml)!.ToJsonString()), Namespace);

    /// <summary>Creates an opted-in Deployment with <paramref name="strategy"/> and waits until all its pods are available.</summary>
    public async Task<V1Deployment> DeployAsync(string name, string strategy, int replicas = 2)
    {
        await CreateAsync(Releases.Deployment(name, strategy, replicas));
        return await Eventually.UntilAsync(() => GetAsync(name), d => d.Status?.AvailableReplicas == replicas, $"{name} available");
    }

    /// <summary>Ships image <c>web:v2</c> as <c>kubectl set image</c> does and waits until the release pauses at its first pause.</summary>
    public async Task<V1Deployment> ReleaseToPauseAsync(string name, string image = "web:v2")
    {
        await SetImageAsync(name, "app", image);
        return await Eventually.UntilAsync(() => GetAsync(name), d => Releases.Phase(d) == RolloutPhase.StepPaused, $"{name} paused in its release");
    }

    public Task<V1Deployment> GetAsync(string name) => Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);

    /// <summary>A strategic merge patch, as <c>kubectl set image</c>/<c>kubectl patch</c> send.</summary>
    public Task<V1Deployment> PatchAsync(string name, string json) =>
        Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(json, V1Patch.PatchType.StrategicMergePatch), name, Namespace);

    public Task<V1Deployment> SetImageAsync(string name, string container, string image) =>
        PatchAsync(name, new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) } } },
        }.ToJsonString());

    public Task<V1Deployment> CommandAsync(string name, string command) =>
        Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { ["greylane.dev/command"] = command } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            name,
            Namespace);

    public async Task<IReadOnlyList<V1ReplicaSet>> CanariesAsync() =>
        [.. (await Client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, labelSelector: "greylane.dev/release")).Items.Where(r => r.Metadata.DeletionTimestamp is null)];

    public async ValueTask DisposeAsync()
    {
        foreach (var replica in _replicas)
        {
            await replica.DisposeAsync();
        }

        await _webhook.DisposeAsync();
        await _sandbox.DisposeAsync();
        _certificates.Dispose();
    }

    private async Task RegisterWebhookAsync()
    {
        var configuration = (JsonObject)YamlJson.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "base", "mutatingwebhookconfiguration.yaml")))!;
        configuration["webhooks"]![0]!["clientConfig"] = new JsonObject
        {
            ["url"] = new Uri(_webhook.BaseAddress, "/mutate/deployments").ToString(),
            ["caBundle"] = TestPki.Authority.CaBundle,
        };
        await _sandbox.ApplyAsync(configuration.ToJsonString());
    }
}
