using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Sandbox;
using Greylane.Testing.Certificates;
using Greylane.Testing.Hosts;
using Greylane.Testing.Repository;
using k8s;
using k8s.Models;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// One scenario's world: the in-process sandbox with Istio's CRDs, Greylane's admission webhook served in-process and
/// registered as manifests/base registers it, the release's objects (Deployment <c>shop/web</c>, its Service,
/// VirtualService and DestinationRule in subset mode), an observer on the store, and controller processes started
/// on demand, each behind its own chaos proxy.
/// </summary>
internal sealed partial class ChaosBed : IAsyncDisposable
{
    public const string Namespace = "shop";
    public const string Name = "web";
    public const string LeaseNamespace = "greylane-system";

    private readonly List<ControllerProcess> _processes = [];
    private readonly List<ChaosProxy> _proxies = [];
    private readonly Lock _gate = new();
    private SandboxServer? _sandbox;
    private WebhookServer? _webhook;
    private Kubernetes? _client;
    private ReleaseObserver? _observer;
    private int _identities;
    private int _pokes;

    private ChaosBed(ReleasePlan plan, ControllerSettings settings, string directory)
    {
        Plan = plan;
        Settings = settings;
        Directory = directory;
        Timeline = new Timeline();
        Findings = new Findings(Timeline);
    }

    public ReleasePlan Plan { get; }

    public ControllerSettings Settings { get; }

    /// <summary>The scenario's temporary directory: kubeconfigs, TLS files, one log per controller process.</summary>
    public string Directory { get; }

    public Timeline Timeline { get; }

    public Findings Findings { get; }

    public ReleaseObserver Observer => _observer!;

    public Kubernetes Client => _client!;

    /// <summary>The original VirtualService and DestinationRule specs, which every release must give back exactly.</summary>
    public JsonNode? OriginalVirtualService { get; private set; }

    public JsonNode? OriginalDestinationRule { get; private set; }

    public IReadOnlyList<ControllerProcess> Processes
    {
        get
        {
            lock (_gate)
            {
                return [.. _processes];
            }
        }
    }

    public static async Task<ChaosBed> StartAsync(ReleasePlan plan, bool leaderElection, CancellationToken ct)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("greylane-chaos-").FullName;
        var settings = new ControllerSettings(WebhookBinary.Find(), CertificateFiles.Plain(TestPki.Issue("greylane-webhook")), directory) { LeaderElection = leaderElection };
        var bed = new ChaosBed(plan, settings, directory);
        try
        {
            await bed.SetUpAsync(ct);
            return bed;
        }
        catch
        {
            await bed.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts one more controller process (a new identity, as a new pod would have) behind a new proxy, armed by <paramref name="arm"/>.</summary>
    public async Task<ControllerProcess> StartControllerAsync(Action<ChaosProxy>? arm, CancellationToken ct)
    {
        var identity = $"replica-{Interlocked.Increment(ref _identities)}";
        var proxy = await ChaosProxy.StartAsync(_sandbox!.BaseAddress, identity, Timeline);
        lock (_gate)
        {
            _proxies.Add(proxy);
        }

        arm?.Invoke(proxy);
        var process = await ControllerProcess.StartAsync(Settings, identity, proxy, Timeline, ct);
        Observer.ControllerReady();
        lock (_gate)
        {
            _processes.Add(process);
        }

        return process;
    }

    /// <summary>Ships image <paramref name="image"/> as <c>kubectl set image</c> does: the release starts.</summary>
    public async Task ShipAsync(string image)
    {
        Timeline.Add("test", $"ship {image}");
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = image }) } } },
        };
        await Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), Name, Namespace);
    }

    /// <summary>Sets <c>greylane.dev/command</c> as the CLI does.</summary>
    public async Task CommandAsync(string command)
    {
        Timeline.Add("test", $"command {command}");
        await AnnotateAsync("greylane.dev/command", command);
    }

    /// <summary>A metadata-only change: a watch event that makes any controller look at the Deployment again.</summary>
    public async Task PokeAsync()
    {
        var n = Interlocked.Increment(ref _pokes);
        Timeline.Add("test", $"poke #{n} (annotation chaos.greylane.dev/poke)");
        await AnnotateAsync("chaos.greylane.dev/poke", n.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public Task<Snapshot> WaitAsync(Func<Snapshot, bool> condition, string what, TimeSpan timeout, CancellationToken ct) =>
        Observer.WaitAsync(condition, what, timeout, ct);

    /// <summary>Waits until <paramref name="process"/> holds the controller Lease.</summary>
    public Task<Snapshot> WaitForLeaderAsync(ControllerProcess process, CancellationToken ct) =>
        WaitAsync(s => s.LeaseHolder == process.Identity, $"{process.Identity} leading", TimeSpan.FromSeconds(30), ct);

    /// <summary>Canary pods still in the namespace (label <c>greylane.dev/release</c>), straight from the store.</summary>
    public IReadOnlyList<string> CanaryPods() =>
        [.. _sandbox!.Store.List(Greylane.Sandbox.Storage.BuiltInResources.Pods, Namespace)
            .Where(p => p["metadata"]?["labels"]?["greylane.dev/release"] is not null)
            .Select(p => p["metadata"]!["name"]!.GetValue<string>())];

    /// <summary>Kills every controller process (SIGKILL reaches stopped ones too) and waits for each to be reaped.</summary>
    public async Task StopControllersAsync()
    {
        foreach (var process in Processes)
        {
            await process.DisposeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopControllersAsync();
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        if (_observer is not null)
        {
            await _observer.DisposeAsync();
        }

        _client?.Dispose();
        if (_webhook is not null)
        {
            await _webhook.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        Settings.Certificates.Dispose();
    }

    /// <summary>Removes the scenario's directory (kept when a scenario fails, for its logs).</summary>
    public void DeleteDirectory()
    {
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private Task AnnotateAsync(string key, string value) =>
        Client.AppsV1.PatchNamespacedDeploymentAsync(
            new V1Patch(new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            Name,
            Namespace);

    private async Task SetUpAsync(CancellationToken ct)
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { PodReadyDelay = TimeSpan.FromMilliseconds(100) }, ct);
        _client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(_sandbox.WriteKubeconfig(Path.Combine(Directory, "kubeconfig"))));
        _observer = new ReleaseObserver(
            _sandbox.Store,
            new ObservedRelease(Namespace, Name, Name, Name, LeaseNamespace, "greylane-controller"),
            Plan,
            Timeline,
            Findings)
        {
            OnStall = PokeAsync,
        };
        await _sandbox.ApplyIstioCrdsAsync(ct);
        _webhook = await WebhookServer.StartAsync(Settings.Certificates);
        await RegisterWebhookAsync(ct);
        var objects = await _sandbox.ApplyManifestsAsync(Objects, ct);
        OriginalVirtualService = objects.Single(o => o["kind"]?.GetValue<string>() == "VirtualService")["spec"]!.DeepClone();
        OriginalDestinationRule = objects.Single(o => o["kind"]?.GetValue<string>() == "DestinationRule")["spec"]!.DeepClone();
        await _sandbox.ApplyManifestsAsync(Deployment(Plan), ct);
        await WaitAsync(s => s.AvailableReplicas == 2, "web available", TimeSpan.FromSeconds(30), ct);
        Timeline.Add("test", "set up: web:v1 available, original routing");
    }

    private async Task RegisterWebhookAsync(CancellationToken ct)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "mutatingwebhookconfiguration.yaml");
        var configuration = (JsonObject)YamlJson.Parse(await File.ReadAllTextAsync(path, ct))!;
        configuration["webhooks"]![0]!["clientConfig"] = new JsonObject
        {
            ["url"] = new Uri(_webhook!.BaseAddress, "/mutate/deployments").ToString(),
            ["caBundle"] = TestPki.Authority.CaBundle,
        };
        await _sandbox!.ApplyManifestsAsync(configuration.ToJsonString(), ct);
    }
}
