using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.SampleService;
using Greylane.Sandbox.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Greylane.Demo.Pods;

/// <summary>
/// A kubelet that runs real processes: for every running sandbox pod of the namespace, a real sample service
/// (<see cref="SampleApp"/>) on a loopback port, configured from the pod's environment; stopped when the pod goes.
/// Calls to other Services (<c>upstream_url</c>) are sent through the mesh's sidecar address.
/// </summary>
internal sealed class PodRunner : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly string _ns;
    private readonly Func<Uri, Uri> _outbound;
    private readonly Channel<string> _work = Channel.CreateUnbounded<string>();
    private readonly ConcurrentDictionary<string, (RunningPod Pod, WebApplication App)> _running = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    public PodRunner(IObjectStore store, string ns, Func<Uri, Uri> outbound)
    {
        _store = store;
        _ns = ns;
        _outbound = outbound;
        _subscription = store.Subscribe(e =>
        {
            if (e.Resource.Plural == "pods" && e.Resource.Group.Length == 0 && e.Object["metadata"]?["namespace"]?.GetValue<string>() == ns)
            {
                _work.Writer.TryWrite(e.Object["metadata"]!["name"]!.GetValue<string>());
            }
        });
        foreach (var pod in store.List(BuiltInResources.Pods, ns))
        {
            _work.Writer.TryWrite(pod["metadata"]!["name"]!.GetValue<string>());
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised (on the runner's loop) after a pod's service started or stopped.</summary>
    public event Action? Changed;

    /// <summary>Pods whose service could not start, with the reason.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public IReadOnlyCollection<RunningPod> Running => _running.Values.Select(v => v.Pod).ToList();

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _work.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        foreach (var name in _running.Keys.ToList())
        {
            await StopAsync(name);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var name in _work.Reader.ReadAllAsync(_stop.Token))
            {
                await SyncAsync(name);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private async Task SyncAsync(string name)
    {
        var pod = _store.Get(BuiltInResources.Pods, _ns, name);
        var wanted = pod is not null && pod["metadata"]?["deletionTimestamp"] is null
            && pod["status"]?["phase"]?.GetValue<string>() == "Running" && pod["status"]?["podIP"] is not null;
        if (!wanted)
        {
            await StopAsync(name);
            return;
        }

        if (_running.ContainsKey(name))
        {
            return;
        }

        try
        {
            _running[name] = await StartAsync(pod!);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // A pod whose settings the sample service refuses plays a crashed container: nothing serves it.
            Problems.Enqueue($"pod {name}: {e.Message}");
            return;
        }

        Announce();
    }

    private async Task<(RunningPod, WebApplication)> StartAsync(JsonObject pod)
    {
        var env = PodEnvironment.Of(pod);
        var podIp = pod["status"]!["podIP"]!.GetValue<string>();
        List<string> args = ["--urls", "http://127.0.0.1:0", "--POD_IP", podIp, "--Logging:LogLevel:Default", "Warning"];
        foreach (var (key, value) in env)
        {
            var setting = key.Equals("upstream_url", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(value, UriKind.Absolute, out var upstream)
                ? _outbound(upstream).ToString()
                : value;
            args.AddRange([$"--{key}", setting]);
        }

        var app = SampleApp.Build([.. args]);
        await app.StartAsync(_stop.Token);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        var labels = (pod["metadata"]?["labels"] as JsonObject ?? new JsonObject())
            .ToDictionary(p => p.Key, p => p.Value?.GetValue<string>() ?? "", StringComparer.Ordinal);
        var description = $"{env.GetValueOrDefault("APP", "?")} {env.GetValueOrDefault("VERSION", "?")}"
            + (env.TryGetValue("ERROR_RATE", out var rate) && rate is not ("" or "0") ? $" ERROR_RATE={rate}" : "");
        return (new RunningPod(_ns, pod["metadata"]!["name"]!.GetValue<string>(), labels, podIp, url, description), app);
    }

    private void Announce()
    {
        try
        {
            Changed?.Invoke();
        }
        catch (IOException e)
        {
            Problems.Enqueue($"after a pod change: {e.Message}");
        }
    }

    private async Task StopAsync(string name)
    {
        if (_running.TryRemove(name, out var entry))
        {
            Announce();
            await entry.App.StopAsync();
            await entry.App.DisposeAsync();
        }
    }
}
