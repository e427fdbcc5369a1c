using System.Diagnostics;
using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using Greylane.Sandbox;
using Greylane.Testing.Certificates;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// One scale, from nothing: a fresh sandbox with N opted-in Deployments, available; a fresh Greylane process that
/// syncs with them and idles; then M kubectl-style updates at once, timed until every release has completed.
/// </summary>
internal sealed partial class ScaleRun(Scale scale, BenchOptions options, string webhookDll)
{
    private static readonly TimeSpan IdleWindow = TimeSpan.FromSeconds(5);

    // Tiered JIT and the last startup allocations settle in the first seconds; idle means after that.
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(3);
    private static readonly TimeSpan SamplePeriod = TimeSpan.FromMilliseconds(100);

    private readonly Workload _workload = new(scale, options.PerNamespace);

    public async Task<ScaleResult> RunAsync(CancellationToken cancellationToken)
    {
        var directory = Directory.CreateTempSubdirectory("greylane-controller-bench-").FullName;
        var result = new ScaleResult(scale);
        var load = LoadAverage();
        GreylaneProcess? greylane = null;
        SandboxServer? sandbox = null;
        StoreRecorder? recorder = null;
        using var certificates = CertificateFiles.Plain(TestPki.Issue("greylane-webhook"));
        try
        {
            sandbox = await SandboxServer.StartAsync(new SandboxOptions { PodReadyDelay = options.PodReadyDelay }, cancellationToken);
            recorder = new StoreRecorder(sandbox.Store);
            var kubeconfig = sandbox.WriteKubeconfig(Path.Combine(directory, "kubeconfig"));
            using var http = TestPki.Authority.Client();

            var clock = Stopwatch.StartNew();
            Say($"creating {scale.Deployments} Deployments in {_workload.Namespaces} namespaces");
            await _workload.CreateAsync(sandbox, cancellationToken);
            await UntilAsync(() => recorder.Available >= scale.Deployments, Bound(60, scale.Deployments), () => $"{recorder.Available} of {scale.Deployments} Deployments available", cancellationToken);
            result = result with { Setup = clock.Elapsed };
            Say($"all available after {clock.Elapsed.TotalSeconds:F1} s; starting Greylane ({webhookDll})");

            clock.Restart();
            var started = Stopwatch.GetTimestamp();
            var sandboxCpu = SandboxCpu();
            greylane = await GreylaneProcess.StartAsync(webhookDll, kubeconfig, certificates, options.Workers, Path.Combine(directory, "greylane.log"), TimeSpan.FromSeconds(60));
            var listening = clock.Elapsed;
            await RegisterWebhookAsync(sandbox, greylane.BaseAddress, cancellationToken);
            ControllerCounters counters = null!;
            await UntilAsync(
                async () => (counters = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken)).Leading,
                TimeSpan.FromSeconds(60),
                () => "Greylane never took the lease",
                cancellationToken,
                TimeSpan.FromMilliseconds(100));
            var leading = Stopwatch.GetElapsedTime(started, recorder.LeaseTaken);
            await UntilAsync(
                async () =>
                {
                    counters = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
                    return counters.Leading && counters.Reconciles >= scale.Deployments && counters.QueueDepth == 0;
                },
                Bound(60, scale.Deployments),
                () => $"controller not synced: {counters?.Reconciles} reconciles, queue {counters?.QueueDepth}, leading {counters?.Leading}",
                cancellationToken,
                TimeSpan.FromSeconds(2));
            result = result with { SyncCpu = greylane.Sample().Cpu, SandboxSyncCpu = SandboxCpu() - sandboxCpu, ToListening = listening, ToLeading = leading, ToSynced = clock.Elapsed, ReconcilesAtSync = counters.Reconciles, MetricsPageBytes = counters.PageBytes };
            Say($"listening after {listening.TotalSeconds:F1} s, leading after {leading.TotalSeconds:F1} s, synced after {clock.Elapsed.TotalSeconds:F1} s ({counters.Reconciles} reconciles); settling {Settle.TotalSeconds:F0} s, then idling {IdleWindow.TotalSeconds:F0} s");

            await Task.Delay(Settle, cancellationToken);
            counters = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
            var before = greylane.Sample();
            await Task.Delay(IdleWindow, cancellationToken);
            var idle = greylane.Sample();
            var afterIdle = await ControllerCounters.ScrapeAsync(http, greylane.BaseAddress, cancellationToken);
            result = result with
            {
                IdleRssBytes = idle.RssBytes,
                IdleCpu = idle.Cpu - before.Cpu,
                IdleWindow = IdleWindow,
                IdleReconciles = afterIdle.Reconciles - counters.Reconciles,
            };
            result = await ReleaseAsync(result, greylane, recorder, kubeconfig, http, cancellationToken);
            return result with { Warnings = greylane.Warnings, WarningLines = greylane.WarningLines, Load = $"{load} -> {LoadAverage()}" };
        }
        finally
        {
            // Greylane first: its open watches would otherwise hold the sandbox's shutdown.
            if (greylane is not null)
            {
                await greylane.DisposeAsync();
            }

            recorder?.Dispose();
            if (sandbox is not null)
            {
                await sandbox.DisposeAsync();
            }

            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>A bound that grows with the scale: a base plus 20 ms per Deployment.</summary>
    private static TimeSpan Bound(int seconds, int deployments) => TimeSpan.FromSeconds(seconds) + TimeSpan.FromMilliseconds(20.0 * deployments);

    private static async Task RegisterWebhookAsync(SandboxServer sandbox, Uri greylane, CancellationToken cancellationToken)
    {
        var configuration = (JsonObject)YamlJson.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "mutatingwebhookconfiguration.yaml")))!;
        configuration["webhooks"]![0]!["clientConfig"] = new JsonObject
        {
            ["url"] = new Uri(greylane, "/mutate/deployments").ToString(),
            ["caBundle"] = TestPki.Authority.CaBundle,
        };
        await sandbox.ApplyManifestsAsync(configuration.ToJsonString(), cancellationToken);
    }

    private static Task UntilAsync(Func<bool> done, TimeSpan bound, Func<string> seen, CancellationToken cancellationToken) =>
        UntilAsync(() => Task.FromResult(done()), bound, seen, cancellationToken, TimeSpan.FromMilliseconds(50));

    private static async Task UntilAsync(Func<Task<bool>> done, TimeSpan bound, Func<string> seen, CancellationToken cancellationToken, TimeSpan period)
    {
        var clock = Stopwatch.StartNew();
        while (!await done())
        {
            if (clock.Elapsed > bound)
            {
                throw new TimeoutException($"gave up after {bound.TotalSeconds:F0} s: {seen()}");
            }

            await Task.Delay(period, cancellationToken);
        }
    }

    /// <summary>CPU used by this process: the sandbox (API server and its controllers) and the benchmark's own light bookkeeping.</summary>
    private static TimeSpan SandboxCpu() => ProcessSample.CpuOf($"/proc/{Environment.ProcessId}/stat");

    private static string LoadAverage() => File.ReadAllText("/proc/loadavg").Split(' ')[0];

    private void Say(string message) => Console.WriteLine($"  [{scale.Name} {scale.Deployments}/{scale.Releasing}] {message}");
}
