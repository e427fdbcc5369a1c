using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Greylane.Playground.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Waiting;

namespace Greylane.Playground.Tests;

/// <summary>
/// <c>make sandbox</c> as the README says, driven from outside with the real kubectl, helm and the plugin: the seed
/// sample, a held release seen through the gateway and Prometheus, promote, a helm upgrade held and aborted, a
/// second start, Ctrl-C. About 2–3 minutes
/// (mostly <c>make</c>'s up-to-date build, three times); the two tests run one after the other (one class).
/// </summary>
public sealed class PlaygroundTests : IDisposable
{
    private const string Ns = "e2e";
    private readonly string _scratch = Directory.CreateTempSubdirectory("greylane-playground-test-").FullName;

    public void Dispose() => Directory.Delete(_scratch, recursive: true);

    [Fact]
    public async Task Playground_runs_a_held_release_through_its_gateway_and_stops_everything_on_ctrl_c()
    {
        Assert.True(KubectlCommand.IsInstalled, KubectlCommand.NotInstalled);
        Assert.True(File.Exists("/usr/bin/prometheus"), "prometheus is not installed: sudo apt-get install --no-install-recommends prometheus");
        Assert.Contains("\nmake sandbox ", File.ReadAllText(Testing.Repository.RepositoryRoot.Combine("README.md")), StringComparison.Ordinal);
        var directory = Path.Combine(_scratch, "sandbox");
        using var playground = PlaygroundProcess.Start(directory);
        var env = await playground.WaitRunningAsync();
        Assert.True(env.ContainsKey("KUBECONFIG") && env.ContainsKey("GREYLANE_GATEWAY") && env.ContainsKey("PROMETHEUS_URL"), string.Join("\n", env));
        await playground.WaitForOutputAsync("kubectl apply -k manifests/samples/seed");
        var kubectl = new KubectlCommand(env["KUBECONFIG"], Path.Combine(_scratch, "kubectl-cache"));
        var ports = Ports(env, playground.Stdout, await ApiPortAsync(kubectl));

        // A second start of the same playground says so and leaves the first alone.
        var second = await ProcessRunner.RunAsync("make", ["-C", Testing.Repository.RepositoryRoot.Path, "sandbox"], PlaygroundProcess.StartBound, environment: new Dictionary<string, string> { ["SANDBOX_DIR"] = directory });
        Assert.NotEqual(0, second.ExitCode);
        Assert.Contains($"a playground is already running from {directory} (pid ", second.Stderr, StringComparison.Ordinal);

        using var plugin = new PluginShim();
        using var gateway = new Gateway(env["GREYLANE_GATEWAY"]);
        await kubectl.OkAsync("apply", "-k", Testing.Repository.RepositoryRoot.Combine("manifests", "samples", "seed"));
        await Eventually.UntilAsync(() => gateway.GetAsync(lane: false), r => r.Code == 200 && r.Body.Contains("mockb(version: base", StringComparison.Ordinal), "the seed to answer through the gateway", TimeSpan.FromSeconds(60));

        var held = await kubectl.RunAsync("-n", Ns, "set", "image", "deployment/mocka-base", "default=greylane/sample-service:1.1");
        Assert.True(held.ExitCode == 0, held.ToString());
        Assert.Contains("held for canary", held.Stderr, StringComparison.Ordinal);
        await PhaseAsync(plugin, env, "mocka-base", "StepPaused");

        var canary = JsonNode.Parse(await kubectl.OkAsync("-n", Ns, "get", "pods", "-l", "greylane.dev/release", "-o", "json"))!["items"]!.AsArray().Single()!;
        var (canaryName, canaryIp) = ((string)canary["metadata"]!["name"]!, (string)canary["status"]!["podIP"]!);
        for (var i = 0; i < 10; i++)
        {
            var lane = await gateway.GetAsync(lane: true);
            Assert.True(lane.Code == 200 && lane.Route.EndsWith($"pod {canaryName}", StringComparison.Ordinal) && lane.Body.Contains($"mocka(version: base, ip: {canaryIp})", StringComparison.Ordinal), $"lane request: {lane}");
            var plain = await gateway.GetAsync(lane: false);
            Assert.True(plain.Code == 200 && !plain.Route.Contains(canaryName, StringComparison.Ordinal) && !plain.Body.Contains(canaryIp, StringComparison.Ordinal), $"plain request: {plain}");
        }

        using var prometheus = new HttpClient { BaseAddress = new Uri(env["PROMETHEUS_URL"]) };
        await Eventually.UntilAsync(
            () => prometheus.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString($"sum(http_requests_total{{pod=\"{canaryName}\",release!=\"\"}})")}"),
            json => JsonNode.Parse(json)!["data"]!["result"]!.AsArray().Count == 1,
            "Prometheus to have scraped the canary pod's requests", TimeSpan.FromSeconds(60), interval: TimeSpan.FromSeconds(1));
        await Eventually.UntilAsync(
            () => prometheus.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString("sum(mesh_requests_total{listener=\"gateway\"})")}"),
            json => JsonNode.Parse(json)!["data"]!["result"]!.AsArray().Count == 1,
            "Prometheus to have scraped the gateway's own request counts", TimeSpan.FromSeconds(60), interval: TimeSpan.FromSeconds(1));

        var promote = await plugin.KubectlAsync(env["KUBECONFIG"], "greylane", "promote", "mocka-base", "-n", Ns);
        Assert.True(promote.ExitCode == 0, promote.ToString());
        await PhaseAsync(plugin, env, "mocka-base", "Completed");

        // helm ships the sample chart into another namespace; its upgrade is held, and aborted.
        var helm = new HelmCommand(_scratch, env["KUBECONFIG"]);
        await helm.OkAsync("install", "web", Testing.Repository.RepositoryRoot.Combine("manifests", "samples", "chart"), "--namespace", "apps", "--create-namespace", "--wait", "--timeout", "60s");
        await Eventually.UntilAsync(
            () => prometheus.GetStringAsync($"api/v1/query?query={Uri.EscapeDataString("up{namespace=\"apps\"} == 1")}"),
            json => JsonNode.Parse(json)!["data"]!["result"]!.AsArray().Count == 2,
            "the chart's two pods to run as real services, scraped by Prometheus", TimeSpan.FromSeconds(60), interval: TimeSpan.FromSeconds(1));
        await helm.OkAsync("upgrade", "web", Testing.Repository.RepositoryRoot.Combine("manifests", "samples", "chart"), "--namespace", "apps", "--set", "image.tag=2.0");
        await PhaseAsync(plugin, env, "web", "StepPaused", "apps");
        var abort = await plugin.KubectlAsync(env["KUBECONFIG"], "greylane", "abort", "web", "-n", "apps");
        Assert.True(abort.ExitCode == 0, abort.ToString());
        await PhaseAsync(plugin, env, "web", "RolledBack", "apps");

        await playground.InterruptAsync();
        Assert.Contains("stopped; nothing is left running", playground.Stdout, StringComparison.Ordinal);
        Assert.False(File.Exists(playground.EnvFile), "the env file outlived the playground");
        Assert.All(ports, port => Assert.True(IsFree(port), $"port {port} is still open after Ctrl-C\n{playground}"));
    }

    [Fact]
    public async Task Api_only_playground_takes_the_next_port_when_6443_is_taken_and_says_so()
    {
        Assert.True(KubectlCommand.IsInstalled, KubectlCommand.NotInstalled);
        using var taken = Occupy(6443);
        using var playground = PlaygroundProcess.Start(Path.Combine(_scratch, "api-only"), "--api-only");
        var env = await playground.WaitRunningAsync();
        Assert.Equal(["KUBECONFIG"], env.Keys);
        if (taken is not null)
        {
            await playground.WaitForOutputAsync("port 6443 is taken by another program, so the API server listens on port 64");
        }

        var kubectl = new KubectlCommand(env["KUBECONFIG"], Path.Combine(_scratch, "kubectl-cache"));
        Assert.Contains("default", await kubectl.OkAsync("get", "namespaces"), StringComparison.Ordinal);
        Assert.DoesNotContain("greylane-system", await kubectl.OkAsync("get", "namespaces"), StringComparison.Ordinal);
        var port = await ApiPortAsync(kubectl);

        await playground.InterruptAsync();
        Assert.True(IsFree(port), $"the API server's port {port} is still open after Ctrl-C\n{playground}");
    }

    private static async Task PhaseAsync(PluginShim plugin, IReadOnlyDictionary<string, string> env, string deployment, string phase, string ns = Ns) =>
        await Eventually.UntilAsync(
            () => plugin.KubectlAsync(env["KUBECONFIG"], "greylane", "status", deployment, "-n", ns, "-o", "json"),
            run => run.ExitCode == 0 && (string?)JsonNode.Parse(run.Stdout)!["phase"] == phase,
            $"kubectl greylane status {deployment} to say {phase}", TimeSpan.FromSeconds(60), run => run.ToString(), TimeSpan.FromMilliseconds(500));

    // Every port the playground listened on: the API server, the gateway, Prometheus and Greylane's webhook.
    private static List<int> Ports(IReadOnlyDictionary<string, string> env, string stdout, int api)
    {
        var greylane = System.Text.RegularExpressions.Regex.Match(stdout, @"Greylane \(webhook \+ controller\) at https://127\.0\.0\.1:(\d+)/");
        Assert.True(greylane.Success, stdout);
        return [api, new Uri(env["GREYLANE_GATEWAY"]).Port, new Uri(env["PROMETHEUS_URL"]).Port, int.Parse(greylane.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)];
    }

    private static async Task<int> ApiPortAsync(KubectlCommand kubectl) =>
        new Uri(await kubectl.OkAsync("config", "view", "-o", "jsonpath={.clusters[0].cluster.server}")).Port;

    private static TcpListener? Occupy(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }

    private static bool IsFree(int port)
    {
        using var listener = Occupy(port);
        return listener is not null;
    }
}
