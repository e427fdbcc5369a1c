using Greylane.Demo.Cluster;
using Greylane.Demo.Mesh;
using Greylane.Demo.Metrics;
using Greylane.Demo.Narration;
using Greylane.Demo.Pods;
using Greylane.Demo.Traffic;
using Greylane.Sandbox;
using k8s;

namespace Greylane.Demo.Setup;

/// <summary>
/// Everything the seed scenario runs on, in one process: the sandbox API server with the Istio CRDs, Greylane
/// (webhook and controller) registered over HTTPS with a CA made on the fly, real sample services playing the pods, a
/// mesh standing in for Istio, a real Prometheus scraping the pods (when installed). For the demo also the seed sample,
/// a trickle of traffic and the narrator; for the playground (<see cref="DemoSettings.Playground"/>) every namespace,
/// files in <c>.sandbox</c> and logs to files instead. Dispose tears it all down, Prometheus included.
/// </summary>
internal sealed partial class DemoEnvironment : IAsyncDisposable
{
    private readonly Stack<IAsyncDisposable> _owned = new();
    private readonly string _directory;
    private readonly bool _temporary;

    private DemoEnvironment(DemoOutput output, string directory, bool temporary)
    {
        Output = output;
        _directory = directory;
        _temporary = temporary;
    }

    public DemoOutput Output { get; }

    public SandboxServer Sandbox { get; private set; } = null!;

    public string Kubeconfig { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public PrometheusProcess? Prometheus { get; private set; }

    /// <summary>The story routes by HTTPRoutes (<c>--gateway-api</c>) rather than VirtualServices.</summary>
    public bool GatewayApi { get; private set; }

    public GreylaneInstance Greylane { get; private set; } = null!;

    public MeshProxy Mesh { get; private set; } = null!;

    public PodRunner Pods { get; private set; } = null!;

    public TrafficTrickle Traffic { get; private set; } = null!;

    public Kubectl Kubectl { get; private set; } = null!;

    public static async Task<DemoEnvironment> StartAsync(DemoSettings settings, DemoOutput output, CancellationToken cancellationToken)
    {
        var environment = settings.Playground is { } playground
            ? new DemoEnvironment(output, Directory.CreateDirectory(playground.Directory).FullName, temporary: false)
            : new DemoEnvironment(output, Directory.CreateTempSubdirectory("greylane-demo-").FullName, temporary: true);
        try
        {
            await environment.SetUpAsync(settings, cancellationToken);
            return environment;
        }
        catch
        {
            await environment.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_owned.TryPop(out var part))
        {
            await part.DisposeAsync();
        }

        try
        {
            if (_temporary)
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
            // Left in the temp directory; nothing else reads it.
        }
    }

    private T Own<T>(T part)
        where T : IAsyncDisposable
    {
        _owned.Push(part);
        return part;
    }

    private FileLog? Log(DemoSettings settings, string part)
    {
        if (settings.Playground is not { } playground)
        {
            return null;
        }

        var log = new FileLog(playground.Log(part));
        Own(new OwnedDisposable(log));
        return log;
    }

    private async Task SetUpAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var playground = settings.Playground;
        var sandboxLog = Log(settings, "sandbox");
        var sandboxLogs = sandboxLog is null ? null : LoggerFactory.Create(b => b.AddProvider(sandboxLog).AddFilter("Microsoft", LogLevel.Warning));
        if (sandboxLogs is not null)
        {
            Own(new OwnedDisposable(sandboxLogs));
        }
        var (sandbox, portNote) = await SandboxStart.StartAsync(playground?.Port ?? 0, sandboxLogs, cancellationToken);
        Sandbox = Own(sandbox);
        await Sandbox.ApplyIstioCrdsAsync(cancellationToken);
        await Sandbox.ApplyGatewayApiCrdsAsync(cancellationToken);
        Kubeconfig = Sandbox.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        if (portNote is not null)
        {
            Output.Line(portNote);
        }

        if (playground is { ApiOnly: true })
        {
            Output.Line($"sandbox API server at {Sandbox.BaseAddress} (Istio and Gateway API CRDs loaded; nothing else started: --api-only); kubeconfig {Kubeconfig}");
            return;
        }

        await Sandbox.ApplyManifestsAsync($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {DemoNames.LeaseNamespace}}}\n", cancellationToken);
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
        Kubectl = new Kubectl(settings.UseKubectl ? Kubectl.Installed : null, Kubeconfig, Client, Output, Path.Combine(_directory, "kubectl-cache"));
        Output.Line($"sandbox API server at {Sandbox.BaseAddress} (Istio and Gateway API CRDs loaded, namespace {DemoNames.LeaseNamespace}); kubeconfig {Kubeconfig}");

        if (settings.UsePrometheus && PrometheusProcess.Find() is { } binary)
        {
            Prometheus = Own(await PrometheusProcess.StartAsync(binary, cancellationToken, playground?.Log("prometheus")));
            Output.Line($"Prometheus {binary} at {Prometheus.Url} (scrapes every pod every 1s; temporary data directory)");
        }
        else
        {
            Output.Line(settings.UsePrometheus
                ? $"Prometheus is not installed, so {(playground is null ? "this run has" : "Greylane runs with")} no analysis gates. To see them: {PrometheusProcess.InstallHint}"
                : "Prometheus not used (--no-prometheus), so this run has no analysis gates");
        }

        await StartGreylaneAsync(settings, cancellationToken);

        PodRunner? pods = null;
        var ns = playground is null ? DemoNames.Namespace : null;
        Mesh = Own(await MeshProxy.StartAsync(new MeshRouter(Sandbox.Store, ns, () => pods?.Running ?? []), cancellationToken));
        var podLog = Log(settings, "pods");
        Pods = pods = Own(new PodRunner(Sandbox.Store, ns, Mesh.Outbound, podLog is null ? null : podLog.Line));
        if (Prometheus is { } prometheus)
        {
            Mesh.Telemetry = new MeshTelemetry();
            Own(await MeshMetricsServer.StartAsync(Mesh.Telemetry, prometheus.MeshTargetsFile, cancellationToken));
            Pods.Changed += () => ScrapeTargets.Write(prometheus.TargetsFile, Pods.Running, Mesh.MetricsUrl);
            ScrapeTargets.Write(prometheus.TargetsFile, Pods.Running, Mesh.MetricsUrl);
        }

        if (playground is null)
        {
            await SetUpStoryAsync(settings, cancellationToken);
        }
    }

    private async Task StartGreylaneAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        var pki = DemoPki.Create(Directory.CreateDirectory(Path.Combine(_directory, "pki")).FullName);
        var arguments = GreylaneInstance.Arguments(pki, Kubeconfig, Prometheus?.Url).ToList();
        var log = Log(settings, "greylane");
        arguments.AddRange(log is null
            ? ["--Logging:LogLevel:Default", settings.Verbose ? "Information" : "Warning"]
            : ["--Logging:LogLevel:Default", "Information", "--Logging:Console:LogLevel:Default", "None"]);
        Greylane = Own(await GreylaneInstance.StartAsync(arguments, cancellationToken, log));
        Output.Line($"Greylane (webhook + controller) at {Greylane.Url}: greylane-webhook {string.Join(' ', GreylaneInstance.Arguments(pki, Kubeconfig, Prometheus?.Url))}");
        await Sandbox.ApplyManifestsAsync(Core.Serialization.YamlJson.Write(WebhookRegistration.For(Greylane.Url, pki.CaBundle)), cancellationToken);
        Output.Line($"MutatingWebhookConfiguration greylane registered: clientConfig.url {Greylane.Url}mutate/deployments, caBundle from a CA made just now");
    }
}
