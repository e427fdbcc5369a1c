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
/// (webhook and controller) registered over HTTPS with a CA made on the fly, the seed sample applied, real sample
/// services playing its pods, a mesh standing in for Istio, a real Prometheus scraping the pods (when installed),
/// a trickle of traffic and the narrator. Dispose tears it all down, Prometheus included.
/// </summary>
internal sealed class DemoEnvironment : IAsyncDisposable
{
    private readonly Stack<IAsyncDisposable> _owned = new();
    private readonly string _directory;

    private DemoEnvironment(DemoOutput output, string directory)
    {
        Output = output;
        _directory = directory;
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
        var environment = new DemoEnvironment(output, Directory.CreateTempSubdirectory("greylane-demo-").FullName);
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
            Directory.Delete(_directory, recursive: true);
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

    private async Task SetUpAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        Sandbox = Own(await SandboxServer.StartAsync(new SandboxOptions(), cancellationToken));
        await Sandbox.ApplyIstioCrdsAsync(cancellationToken);
        await Sandbox.ApplyGatewayApiCrdsAsync(cancellationToken);
        await Sandbox.ApplyManifestsAsync($"apiVersion: v1\nkind: Namespace\nmetadata: {{name: {DemoNames.LeaseNamespace}}}\n", cancellationToken);
        Kubeconfig = Sandbox.WriteKubeconfig(Path.Combine(_directory, "kubeconfig"));
        Client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(Kubeconfig));
        Kubectl = new Kubectl(settings.UseKubectl ? Kubectl.Installed : null, Kubeconfig, Client, Output, Path.Combine(_directory, "kubectl-cache"));
        Output.Line($"sandbox API server at {Sandbox.BaseAddress} (Istio and Gateway API CRDs loaded); kubeconfig {Kubeconfig}");

        if (settings.UsePrometheus && PrometheusProcess.Find() is { } binary)
        {
            Prometheus = Own(await PrometheusProcess.StartAsync(binary, cancellationToken));
            Output.Line($"Prometheus {binary} at {Prometheus.Url} (scrapes every pod every 1s; temporary data directory)");
        }
        else
        {
            Output.Line(settings.UsePrometheus
                ? $"Prometheus is not installed, so this run has no analysis gates. To see them: {PrometheusProcess.InstallHint}"
                : "Prometheus not used (--no-prometheus), so this run has no analysis gates");
        }

        var pki = DemoPki.Create(_directory);
        var arguments = GreylaneInstance.Arguments(pki, Kubeconfig, Prometheus?.Url).ToList();
        arguments.AddRange(["--Logging:LogLevel:Default", settings.Verbose ? "Information" : "Warning"]);
        Greylane = Own(await GreylaneInstance.StartAsync(arguments, cancellationToken));
        Output.Line($"Greylane (webhook + controller) at {Greylane.Url}: greylane-webhook {string.Join(' ', GreylaneInstance.Arguments(pki, Kubeconfig, Prometheus?.Url))}");
        await Sandbox.ApplyManifestsAsync(Core.Serialization.YamlJson.Write(WebhookRegistration.For(Greylane.Url, pki.CaBundle)), cancellationToken);
        Output.Line($"MutatingWebhookConfiguration greylane registered: clientConfig.url {Greylane.Url}mutate/deployments, caBundle from a CA made just now");

        PodRunner? pods = null;
        Mesh = Own(await MeshProxy.StartAsync(new MeshRouter(Sandbox.Store, DemoNames.Namespace, () => pods?.Running ?? []), cancellationToken));
        Pods = pods = Own(new PodRunner(Sandbox.Store, DemoNames.Namespace, Mesh.Outbound));
        if (Prometheus is { } prometheus)
        {
            Mesh.Telemetry = new MeshTelemetry();
            Own(await MeshMetricsServer.StartAsync(Mesh.Telemetry, prometheus.MeshTargetsFile, cancellationToken));
            Pods.Changed += () => ScrapeTargets.Write(prometheus.TargetsFile, Pods.Running);
        }

        Own(new Narrator(Sandbox.Store, DemoNames.Namespace, Output));
        string? StrategyFor(string name) => settings.Strategy(name, Prometheus is not null);
        GatewayApi = settings.GatewayApi;
        var seed = SeedManifests.Load(StrategyFor, settings.GatewayApi);
        await Sandbox.ApplyManifestsAsync(seed, cancellationToken);
        Output.Line(settings.GatewayApi
            ? $"applied manifests/samples/seed-gateway-api (namespace {DemoNames.Namespace}: mocka and mockb Services and Deployments, Gateways, HTTPRoutes: mocka's on the Gateway, mockb's on its Service)"
            : $"applied manifests/samples/seed (namespace {DemoNames.Namespace}: mocka and mockb Services and Deployments, Gateway, DestinationRules, VirtualServices)");
        Output.Line(SeedChanges.Describe(StrategyFor));
        await WaitServingAsync(cancellationToken);
        Traffic = Own(new TrafficTrickle(Mesh.GatewayUrl, settings.TrafficPeriod));
        Output.Line($"gateway at {Mesh.GatewayUrl}; sending a trickle of requests, with and without '{DemoNames.LaneHeader}: {DemoNames.LaneValue}'");
    }

    private async Task WaitServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var last = "";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(Mesh.GatewayUrl, timeout.Token);
                last = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode && last.Contains("mockb", StringComparison.Ordinal))
                {
                    return;
                }

                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the seed's services did not answer through the gateway within 30s; last answer: {last}; pod problems: {string.Join("; ", Pods.Problems)}");
            }
        }
    }
}
