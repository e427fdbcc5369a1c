using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>
/// A real <c>prometheus</c> on a free loopback port, with its own config (scraping the given targets every second) and
/// a temporary data directory; killed with its process tree on dispose.
/// </summary>
internal sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly Process _process;
    private readonly string _directory;

    private PrometheusServer(Process process, string directory, Uri url)
    {
        _process = process;
        _directory = directory;
        Url = url;
    }

    public Uri Url { get; }

    /// <summary>Starts Prometheus scraping <paramref name="targets"/>, each with its own target labels (a namespace, as Kubernetes discovery would give).</summary>
    public static async Task<PrometheusServer> StartAsync(params ScrapeTarget[] targets)
    {
        var binary = Binary() ?? throw new InvalidOperationException(
            "prometheus is not installed, and these tests need the real one: run `bash .ci/install-deps` (it installs Debian's prometheus package)");
        var directory = Directory.CreateTempSubdirectory("greylane-prometheus-").FullName;
        var port = FreePort();
        var config = Path.Combine(directory, "prometheus.yml");
        var groups = targets.Length == 0
            ? "\n      - targets: []"
            : string.Concat(targets.Select(t => $"\n      - targets: ['{t.Url.Authority}']" + (t.Namespace is null ? "" : $"\n        labels: {{namespace: {t.Namespace}}}")));
        await File.WriteAllTextAsync(config, $"""
            global: {"{"}scrape_interval: 1s, evaluation_interval: 1s{"}"}
            scrape_configs:
              - job_name: samples
                static_configs:{groups}
            """);
        var start = new ProcessStartInfo(binary)
        {
            ArgumentList =
            {
                $"--config.file={config}",
                $"--storage.tsdb.path={Path.Combine(directory, "data")}",
                $"--web.listen-address=127.0.0.1:{port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var log = new System.Text.StringBuilder();
        process.ErrorDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.OutputDataReceived += (_, e) => { lock (log) { log.AppendLine(e.Data); } };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        var server = new PrometheusServer(process, directory, new Uri($"http://127.0.0.1:{port}/"));
        try
        {
            await server.WaitReadyAsync();
        }
        catch (TimeoutException)
        {
            await server.DisposeAsync();
            lock (log)
            {
                throw new InvalidOperationException($"prometheus was not ready within {ReadyTimeout.TotalSeconds}s:\n{log}");
            }
        }

        return server;
    }

    /// <summary>Stops Prometheus (the outage case) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open is left in the temp directory; it does not affect other runs.
        }
    }

    private static string? Binary() =>
        new[] { "/usr/bin/prometheus" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "prometheus")))
            .FirstOrDefault(File.Exists);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < ReadyTimeout)
        {
            if (_process.HasExited)
            {
                throw new TimeoutException();
            }

            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready"));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Slow to start on a busy machine.
            }

            await Task.Delay(200);
        }

        throw new TimeoutException();
    }
}

/// <summary>One scrape target, with the <c>namespace</c> target label when given.</summary>
internal sealed record ScrapeTarget(Uri Url, string? Namespace = null);
