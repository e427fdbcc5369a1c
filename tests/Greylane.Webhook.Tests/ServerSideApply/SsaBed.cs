using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Hosts;
using Greylane.Testing.Processes;
using Greylane.Testing.Waiting;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.ServerSideApply.Tests;

/// <summary>
/// The controller tests' sandbox (webhook registered, controller running) with kubectl 1.35 applying server-side, as
/// a CI pipeline or a GitOps tool does; and the managedFields of what it applied, as paths.
/// </summary>
internal sealed class SsaBed : IAsyncDisposable
{
    public const string Name = "web";

    private SsaBed(ControllerBed bed)
    {
        Bed = bed;
        Kubectl = KubectlCommand.V135(bed.KubeconfigPath, Path.Combine(bed.Directory, "kube-cache-135"));
    }

    public ControllerBed Bed { get; }

    public KubectlCommand Kubectl { get; }

    public static async Task<SsaBed> StartAsync(bool istio = false)
    {
        var bed = await ControllerBed.StartAsync();
        if (istio)
        {
            await bed.Sandbox.ApplyIstioCrdsAsync();
        }

        await bed.StartControllerAsync();
        return new SsaBed(bed);
    }

    /// <summary>The opted-in Deployment's manifest with <paramref name="image"/> (manual pause after one canary pod).</summary>
    public static string Manifest(string image, string strategy = Releases.OneStep) => Releases.Deployment(Name, strategy, image: image);

    /// <summary><c>kubectl apply --server-side</c> of <paramref name="yaml"/> with <paramref name="options"/>; the process result.</summary>
    public Task<ProcessResult> ApplyAsync(string yaml, params string[] options) =>
        Kubectl.RunWithInputAsync(yaml, ["apply", "--server-side", "-n", ControllerBed.Namespace, "-f", "-", .. options]);

    /// <summary>As <see cref="ApplyAsync"/>, failing the test with kubectl's output unless it exits 0; returns standard error (the API's warnings).</summary>
    public async Task<string> ApplyOkAsync(string yaml, params string[] options)
    {
        var (code, stdout, stderr) = await ApplyAsync(yaml, options);
        Assert.True(code == 0, $"kubectl-1.35 apply --server-side {string.Join(' ', options)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return stderr;
    }

    public Task<V1Deployment> GetAsync() => Bed.GetAsync(Name);

    public Task<V1Deployment> UntilAsync(Func<V1Deployment, bool> condition, string what) => Eventually.UntilAsync(GetAsync, condition, what);

    public Task<V1Deployment> UntilPhaseAsync(RolloutPhase phase) => UntilAsync(d => Releases.Phase(d) == phase, $"phase {phase}");

    /// <summary>The stored object as JSON, managedFields included.</summary>
    public JsonObject Stored(ResourceType type, string name) =>
        Bed.Sandbox.Store.Get(type, ControllerBed.Namespace, name) ?? throw new InvalidOperationException($"{type.Plural}/{name} is not stored");

    /// <summary>An Istio object as the API serves it, managedFields included.</summary>
    public async Task<JsonObject> IstioAsync(string plural, string name)
    {
        var obj = await Bed.Client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", ControllerBed.Namespace, plural, name);
        return (JsonObject)JsonNode.Parse(((System.Text.Json.JsonElement)obj).GetRawText())!;
    }

    public ValueTask DisposeAsync() => Bed.DisposeAsync();
}
