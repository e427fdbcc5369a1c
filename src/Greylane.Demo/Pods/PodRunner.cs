using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.SampleService;
using Greylane.Sandbox.Storage;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Greylane.Demo.Pods;

/// <summary>
/// A kubelet that runs real processes: for every running sandbox pod of the namespace (every namespace when it is
/// null) whose image is the sample service, a real sample service (<see cref="SampleApp"/>) on a loopback port,
/// configured from the pod's environment; stopped when the pod goes. Pods of other images stay as the sandbox makes
/// them (ready, nothing serving). Calls to other Services (<c>upstream_url</c>) are sent through the mesh's sidecar
/// address, with the pod's namespace added to a bare Service name as the cluster DNS search path would.
/// </summary>
internal sealed class PodRunner : IAsyncDisposable
{
    private readonly IObjectStore _store;
    private readonly Func<Uri, Uri> _outbound;
    private readonly Channel<(string Ns, string Name)> _work = Channel.CreateUnbounded<(string Ns, string Name)>();
    private readonly Action<string> _note;
    private readonly ConcurrentDictionary<(string Ns, string Name), (RunningPod Pod, WebApplication App)> _running = new();
    private const string SampleImage = "greylane/sample-service";
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _loop;

    public PodRunner(IObjectStore store, string? ns, Func<Uri, Uri> outbound, Action<string>? note = null)
    {
        _store = store;
        _outbound = outbound;
        _note = note ?? (_ => { });
        _subscription = store.Subscribe(e =>
        {
            if (e.Resource.Plural == "pods" && e.Resource.Group.Length == 0 && Key(e.Object) is { } key && (ns is null || key.Ns == ns))
            {
                _work.Writer.TryWrite(key);
            }
        });
        foreach (var pod in store.List(BuiltInResources.Pods, ns))
        {
            if (Key(pod) is { } key)
            {
                _work.Writer.TryWrite(key);
            }
        }

        _loop = Task.Run(RunAsync);
    }

    /// <summary>Raised (on the runner's loop) after a pod's service started or stopped.</summary>
    public event Action? Changed;

    /// <summary>Pods whose service could not start, with the reason.</summary>
    public ConcurrentQueue<string> Problems { get; } = new();

    public IReadOnlyCollection<RunningPod> Running => _running.Values.Select(v => v.Pod).ToList();

    /// <summary>Whether a pod's (first container's) image is the sample service, <c>greylane/sample-service[:tag]</c>.</summary>
    public static bool RunsSampleService(JsonObject pod) =>
        pod["spec"]?["containers"]?.AsArray().FirstOrDefault()?["image"]?.GetValue<string>() is { } image
        && (image == SampleImage || image.StartsWith(SampleImage + ":", StringComparison.Ordinal));

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _work.Writer.TryComplete();
        await _stop.CancelAsync();
        await _loop;
        foreach (var key in _running.Keys.ToList())
        {
            await StopAsync(key);
        }

        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        try
        {
            await foreach (var key in _work.Reader.ReadAllAsync(_stop.Token))
            {
                await SyncAsync(key);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private static (string Ns, string Name)? Key(JsonObject pod) =>
        pod["metadata"]?["namespace"]?.GetValue<string>() is { } ns && pod["metadata"]?["name"]?.GetValue<string>() is { } name ? (ns, name) : null;

    private async Task SyncAsync((string Ns, string Name) key)
    {
        var pod = _store.Get(BuiltInResources.Pods, key.Ns, key.Name);
        var wanted = pod is not null && pod["metadata"]?["deletionTimestamp"] is null && RunsSampleService(pod)
            && pod["status"]?["phase"]?.GetValue<string>() == "Running" && pod["status"]?["podIP"] is not null;
        if (!wanted)
        {
            await StopAsync(key);
            return;
        }

        if (_running.ContainsKey(key))
        {
            return;
        }

        try
        {
            _running[key] = await StartAsync(pod!);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException)
        {
            // A pod whose settings the sample service refuses plays a crashed container: nothing serves it.
            Problems.Enqueue($"pod {key.Ns}/{key.Name}: {e.Message}");
            _note($"pod {key.Ns}/{key.Name} could not start: {e.Message}");
            return;
        }

        var started = _running[key].Pod;
        _note($"pod {key.Ns}/{key.Name} started: {started.Description} at {started.Url}");
        Announce();
    }

    private async Task<(RunningPod, WebApplication)> StartAsync(JsonObject pod)
    {
        var env = PodEnvironment.Of(pod);
        var podIp = pod["status"]!["podIP"]!.GetValue<string>();
        var ns = pod["metadata"]!["namespace"]!.GetValue<string>();
        List<string> args = ["--urls", "http://127.0.0.1:0", "--POD_IP", podIp, "--Logging:LogLevel:Default", "Warning"];
        foreach (var (key, value) in env)
        {
            var setting = key.Equals("upstream_url", StringComparison.OrdinalIgnoreCase) && Uri.TryCreate(value, UriKind.Absolute, out var upstream)
                ? _outbound(InNamespace(upstream, ns)).ToString()
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
        return (new RunningPod(ns, pod["metadata"]!["name"]!.GetValue<string>(), labels, podIp, url, description), app);
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

    // http://mockb:8000/ from a pod of e2e means mockb.e2e, as the pod's DNS search path (e2e.svc.cluster.local) says.
    private static Uri InNamespace(Uri upstream, string ns) =>
        upstream.Host.Contains('.', StringComparison.Ordinal) ? upstream : new UriBuilder(upstream) { Host = $"{upstream.Host}.{ns}" }.Uri;

    private async Task StopAsync((string Ns, string Name) key)
    {
        if (_running.TryRemove(key, out var entry))
        {
            _note($"pod {key.Ns}/{key.Name} stopped");
            Announce();
            await entry.App.StopAsync();
            await entry.App.DisposeAsync();
        }
    }
}
