using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Sandbox.Controllers.Tests;

/// <summary>An in-memory store with the sandbox controllers running on a fake clock; waits are bounded.</summary>
internal sealed class ControllerTestBed : IAsyncDisposable
{
    public const string Ns = "default";

    private static readonly TimeSpan SettleTimeout = TimeSpan.FromSeconds(30);

    private ControllerHost? _host;

    public ControllerTestBed(bool start = true)
    {
        Options = new SandboxOptions { TimeProvider = Clock, PodReadyDelay = TimeSpan.FromSeconds(2) };
        Store = new InMemoryObjectStore(Options);
        if (start)
        {
            Start();
        }
    }

    public FakeTimeProvider Clock { get; } = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    public SandboxOptions Options { get; }

    public InMemoryObjectStore Store { get; }

    public void Start() => _host = (ControllerHost)SandboxControllers.Start(Store, Options, NullLoggerFactory.Instance);

    /// <summary>Waits (bounded, in real time) until the controllers have nothing queued or running.</summary>
    public async Task SettleAsync()
    {
        var deadline = DateTime.UtcNow + SettleTimeout;
        while (_host is { IsIdle: false })
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException("The sandbox controllers did not settle within " + SettleTimeout);
            }

            await Task.Delay(1);
        }
    }

    /// <summary>Moves the fake clock and lets the controllers react.</summary>
    public async Task AdvanceAsync(TimeSpan by)
    {
        await SettleAsync();
        Clock.Advance(by);
        await SettleAsync();
    }

    /// <summary>Lets every pending pod become ready (one readiness delay).</summary>
    public Task ReadyPodsAsync() => AdvanceAsync(Options.PodReadyDelay);

    public JsonObject Create(ResourceType type, JsonObject obj) => Store.Create(type, obj);

    public JsonObject Get(ResourceType type, string name) =>
        Store.Get(type, type.Namespaced ? Ns : null, name) ?? throw new InvalidOperationException($"{type.Plural}/{name} not found");

    public JsonObject? Find(ResourceType type, string name) => Store.Get(type, type.Namespaced ? Ns : null, name);

    /// <summary>
    /// Read-modify-write through the main resource, as kubectl edit would, read again on a conflict as client-go's
    /// RetryOnConflict does: the controllers write status on their own clock, and on a busy machine one may land between
    /// the read and the write (seen once in CI: 409 on the first edit of a paused Deployment's test).
    /// </summary>
    public JsonObject Change(ResourceType type, string name, Action<JsonObject> change)
    {
        for (var attempt = 1; ; attempt++)
        {
            var obj = Get(type, name);
            change(obj);
            try
            {
                return Store.Update(type, obj);
            }
            catch (StoreException e) when (e.Code == 409 && attempt < 5)
            {
                // Stale resourceVersion: read the latest and apply the change again.
            }
        }
    }

    public void Delete(ResourceType type, string name) => Store.Delete(type, type.Namespaced ? Ns : null, name);

    public IReadOnlyList<JsonObject> ReplicaSets() => Store.List(BuiltInResources.ReplicaSets, Ns);

    public IReadOnlyList<JsonObject> Pods() => Store.List(BuiltInResources.Pods, Ns);

    /// <summary>The pods a ReplicaSet controls.</summary>
    public List<JsonObject> PodsOf(JsonObject rs) =>
        [.. Pods().Where(p => K8s.ControllerUid(p) == K8s.Uid(rs))];

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
