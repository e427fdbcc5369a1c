using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Sandbox;
using Greylane.Webhook.Controller;
using Greylane.Webhook.Tests.Manifests;
using Greylane.Webhook.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greylane.Webhook.Tests.Controller;

/// <summary>
/// The sandbox with Greylane's webhook registered exactly as manifests/base registers it (URL instead of Service),
/// and controllers started and stopped on demand, each a host of its own like a separate replica.
/// </summary>
internal sealed class ControllerBed : IAsyncDisposable
{
    public const string Namespace = "shop";

    private readonly CertificateFiles _certificates;
    private readonly WebhookServer _webhook;
    private readonly string _directory;
    private readonly List<ControllerReplica> _replicas = [];

    private ControllerBed(SandboxServer sandbox, WebhookServer webhook, CertificateFiles certificates, string directory, string kubeconfig)
    {
        Sandbox = sandbox;
        _webhook = webhook;
        _certificates = certificates;
        _directory = directory;
        KubeconfigPath = kubeconfig;
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig));
    }

    public SandboxServer Sandbox { get; }

    public string KubeconfigPath { get; }

    public Kubernetes Client { get; }

    public static async Task<ControllerBed> StartAsync(SandboxOptions? options = null)
    {
        var sandbox = await SandboxServer.StartAsync(options ?? new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(100) });
        var directory = Directory.CreateTempSubdirectory("greylane-controller-").FullName;
        var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
        var certificates = CertificateFiles.Plain(TestPki.Issue("greylane-webhook"));
        var webhook = await WebhookServer.StartAsync(certificates);
        var bed = new ControllerBed(sandbox, webhook, certificates, directory, kubeconfig);
        await bed.RegisterWebhookAsync();
        await sandbox.ApplyManifestsAsync($"""
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
            "--controller", "true",
            "--identity", identity,
            "--leader-elect", leaderElection ? "true" : "false",
            "--lease-namespace", leaseNamespace,
            "--lease-duration", $"{lease.TotalMilliseconds}ms",
            "--renew-deadline", $"{lease.TotalMilliseconds * 2 / 3}ms",
            "--retry-period", $"{lease.TotalMilliseconds / 6}ms",
            "--Logging:LogLevel:Default", "Warning",
        ]);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
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
        return await Eventually.UntilAsync(() => GetAsync(name), d => Releases.Phase(d) == Greylane.Core.Rollout.RolloutPhase.StepPaused, $"{name} paused in its release");
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

        Client.Dispose();
        await _webhook.DisposeAsync();
        await Sandbox.DisposeAsync();
        _certificates.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task RegisterWebhookAsync()
    {
        var configuration = (JsonObject)YamlJson.Parse(File.ReadAllText(RepositoryRoot.Combine("manifests", "base", "mutatingwebhookconfiguration.yaml")))!;
        var hook = configuration["webhooks"]![0]!;
        hook["clientConfig"] = new JsonObject
        {
            ["url"] = new Uri(_webhook.BaseAddress, "/mutate/deployments").ToString(),
            ["caBundle"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(TestPki.Ca.ExportCertificatePem())),
        };
        await Sandbox.ApplyManifestsAsync(configuration.ToJsonString());
    }
}

/// <summary>One running controller (a replica of the Greylane Deployment).</summary>
internal sealed class ControllerReplica(string identity, IHost host) : IAsyncDisposable
{
    private bool _stopped;

    public string Identity { get; } = identity;

    public IServiceProvider Services => host.Services;

    /// <summary>Stops the replica gracefully, as on SIGTERM: its work ends, then it hands its lease over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await host.StopAsync(TimeSpan.FromSeconds(5));
        host.Dispose();
    }
}
