using System.Text.Json.Nodes;
using Greylane.Sandbox;
using Greylane.Sandbox.Storage;

namespace Greylane.Webhook.Tests.Manifests;

/// <summary>A Greylane sandbox API server on a free loopback port, with a kubeconfig and helm pointed at it.</summary>
internal sealed class SandboxCluster : IAsyncDisposable
{
    private SandboxCluster(SandboxServer server, DirectoryInfo scratch)
    {
        Server = server;
        Scratch = scratch;
        Kubeconfig = server.WriteKubeconfig(Path.Combine(scratch.FullName, "kubeconfig"));
        Helm = new HelmCommand(scratch.FullName, Kubeconfig);
    }

    public SandboxServer Server { get; }

    public DirectoryInfo Scratch { get; }

    public string Kubeconfig { get; }

    public HelmCommand Helm { get; }

    public IObjectStore Store => Server.Store;

    public static async Task<SandboxCluster> StartAsync()
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions());
        return new SandboxCluster(server, Directory.CreateTempSubdirectory("greylane-helm-"));
    }

    /// <summary>The stored object, or a failed test naming it.</summary>
    public JsonObject Stored(ResourceType type, string? ns, string name) =>
        Store.Get(type, ns, name) ?? throw new Xunit.Sdk.XunitException($"{type.Plural} {ns}/{name} is not stored in the sandbox");

    /// <summary>Polls the store until <paramref name="condition"/> holds (bounded: real controllers run in the background).</summary>
    public async Task<JsonObject> WaitForAsync(ResourceType type, string? ns, string name, Func<JsonObject, bool> condition, string what, int seconds = 30)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            if (Store.Get(type, ns, name) is { } obj && condition(obj))
            {
                return obj;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new Xunit.Sdk.XunitException(
                    $"{type.Plural} {ns}/{name}: {what} did not happen within {seconds} s; last seen: {Store.Get(type, ns, name)?.ToJsonString() ?? "absent"}");
            }

            await Task.Delay(50);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Server.DisposeAsync();
        try
        {
            Scratch.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
