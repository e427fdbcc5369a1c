using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Sandbox;
using Greylane.Testing.Sandboxes;
using Greylane.Testing.Waiting;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Support.Tests;

/// <summary>A sandbox API server with a kubeconfig, a client, and helpers that set up Deployments in release states.</summary>
internal sealed class CliSandbox : IAsyncDisposable
{
    public const string Namespace = "shop";

    private readonly TestSandbox _sandbox;

    private CliSandbox(TestSandbox sandbox)
    {
        _sandbox = sandbox;
        Environment = new Dictionary<string, string> { ["KUBECONFIG"] = KubeconfigPath, ["HOME"] = Directory };
    }

    public SandboxServer Server => _sandbox.Server;

    public string Directory => _sandbox.Directory;

    public string KubeconfigPath => _sandbox.KubeconfigPath;

    public Kubernetes Client => _sandbox.Client;

    /// <summary>The environment the CLI sees: KUBECONFIG pointing here, HOME in the scratch directory.</summary>
    public Dictionary<string, string> Environment { get; }

    public static async Task<CliSandbox> StartAsync()
    {
        var sandbox = new CliSandbox(await TestSandbox.StartAsync(new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(50) }));
        await sandbox.Server.ApplyManifestsAsync($"apiVersion: v1\nkind: Namespace\nmetadata:\n  name: {Namespace}\n");
        return sandbox;
    }

    public Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(Environment, args);

    /// <summary>A Deployment of <paramref name="replicas"/> pods; opted in and labelled managed unless told otherwise.</summary>
    public async Task<V1Deployment> DeployAsync(
        string name, string? strategy = null, RolloutStatus? status = null, bool optedIn = true, bool managed = true, int replicas = 2)
    {
        var annotations = new Dictionary<string, string>();
        if (optedIn)
        {
            annotations[GreylaneKeys.Enabled] = "true";
        }

        if (strategy is not null)
        {
            annotations[GreylaneKeys.Strategy] = strategy;
        }

        if (status is not null)
        {
            annotations[GreylaneKeys.Status] = RolloutStatusJson.Write(status);
            annotations[GreylaneKeys.Release] = status.Release ?? "";
            annotations[GreylaneKeys.Stable] = status.Stable ?? "";
        }

        var labels = new Dictionary<string, string> { ["app"] = name };
        if (managed)
        {
            labels[GreylaneKeys.Managed] = "true";
        }

        var deployment = new V1Deployment
        {
            Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace, Labels = labels, Annotations = annotations },
            Spec = new V1DeploymentSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = new Dictionary<string, string> { ["app"] = name } },
                Template = Template(name, new Dictionary<string, string> { ["app"] = name }),
            },
        };
        return await Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, Namespace);
    }

    /// <summary>A canary ReplicaSet as the controller makes it: release label, owned (not controlled) by the Deployment.</summary>
    public async Task CanaryAsync(V1Deployment deployment, string release, int replicas)
    {
        var name = deployment.Metadata.Name;
        // The ReplicaSet's own labels stay off the Deployment's selector (app), so the Deployment never adopts it.
        var own = new Dictionary<string, string> { [GreylaneKeys.Release] = release, ["track"] = "canary" };
        var labels = new Dictionary<string, string>(own) { ["app"] = name };
        var set = new V1ReplicaSet
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{name}-canary-{release}",
                NamespaceProperty = Namespace,
                Labels = own,
                OwnerReferences = [new V1OwnerReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = name, Uid = deployment.Metadata.Uid, Controller = false }],
            },
            Spec = new V1ReplicaSetSpec
            {
                Replicas = replicas,
                Selector = new V1LabelSelector { MatchLabels = own },
                Template = Template(name, labels),
            },
        };
        await Client.AppsV1.CreateNamespacedReplicaSetAsync(set, Namespace);
    }

    /// <summary>Waits until the Deployment's stable pods and its canary pods are ready.</summary>
    public Task ReadyAsync(string name, int stable, int canary) => Eventually.TrueAsync(async () =>
    {
        var deployment = await Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);
        var sets = await Client.AppsV1.ListNamespacedReplicaSetAsync(Namespace, labelSelector: GreylaneKeys.Release);
        var canaryReady = sets.Items.Where(s => s.Metadata.Name.StartsWith(name + "-canary-", StringComparison.Ordinal)).Sum(s => s.Status?.ReadyReplicas ?? 0);
        return (deployment.Status?.ReadyReplicas ?? 0) == stable && canaryReady == canary;
    }, $"{name}: {stable} stable and {canary} canary pods ready", TimeSpan.FromSeconds(20));

    /// <summary>Writes a status as the controller would (merge patch of the annotation).</summary>
    public async Task WriteStatusAsync(string name, RolloutStatus status)
    {
        var patch = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [GreylaneKeys.Status] = RolloutStatusJson.Write(status) } } };
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, Namespace);
    }

    public async Task<V1Deployment> ReadAsync(string name) => await Client.AppsV1.ReadNamespacedDeploymentAsync(name, Namespace);

    private static V1PodTemplateSpec Template(string name, Dictionary<string, string> labels) => new()
    {
        Metadata = new V1ObjectMeta { Labels = labels },
        Spec = new V1PodSpec { Containers = [new V1Container { Name = "app", Image = $"example/{name}:2" }] },
    };

    public ValueTask DisposeAsync() => _sandbox.DisposeAsync();
}
