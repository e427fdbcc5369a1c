using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Greylane.Demo.Metrics;

/// <summary>
/// A real <c>prometheus</c> on a free port of 127.0.0.1 with its own config and a temporary data directory. It scrapes
/// every second the targets listed in <see cref="TargetsFile"/> (file-based discovery, standing in for Kubernetes pod
/// discovery). It can be stopped and started again on the same port (the outage test); dispose kills it and deletes
/// its directory.
/// </summary>
internal sealed class PrometheusProcess : IAsyncDisposable
{
    /// <summary>Where Debian's <c>prometheus</c> package installs it.</summary>
    public const string DebianBinary = "/usr/bin/prometheus";

    /// <summary>How to get it when it is missing.</summary>
    public const string InstallHint = "sudo apt-get install --no-install-recommends prometheus";

    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);
    private readonly string _binary;
    private readonly string _directory;
    private readonly int _port;
    private readonly StringBuilder _log = new();
    private readonly string? _logFile;
    private Process? _process;

    private PrometheusProcess(string binary, string directory, int port, string? logFile)
    {
        _binary = binary;
        _directory = directory;
        _port = port;
        _logFile = logFile;
        TargetsFile = Path.Combine(directory, "targets.json");
        MeshTargetsFile = Path.Combine(directory, "mesh-targets.json");
    }

    public Uri Url => new($"http://127.0.0.1:{_port}/");

    /// <summary>The file_sd file Prometheus watches for its targets.</summary>
    public string TargetsFile { get; }

    /// <summary>The file_sd file of the mesh stand-in's Istio metrics (job <c>istio-mesh</c>).</summary>
    public string MeshTargetsFile { get; }

    /// <summary>The prometheus binary: <c>/usr/bin/prometheus</c> or the first on PATH; null when not installed.</summary>
    public static string? Find() =>
        new[] { DebianBinary }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "prometheus")))
            .FirstOrDefault(File.Exists);

    /// <summary>Starts Prometheus; its own output also goes to <paramref name="logFile"/> when given (the playground's logs).</summary>
    public static async Task<PrometheusProcess> StartAsync(string binary, CancellationToken cancellationToken, string? logFile = null)
    {
        var prometheus = new PrometheusProcess(binary, Directory.CreateTempSubdirectory("greylane-demo-prometheus-").FullName, FreePort(), logFile);
        await File.WriteAllTextAsync(prometheus.TargetsFile, "[]", cancellationToken);
        await File.WriteAllTextAsync(prometheus.MeshTargetsFile, "[]", cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(prometheus._directory, "prometheus.yml"), $$"""
            global: {scrape_interval: 1s, scrape_timeout: 1s, evaluation_interval: 1s}
            scrape_configs:
              - job_name: pods
                file_sd_configs:
                  - files: ['{{prometheus.TargetsFile}}']
                    refresh_interval: 1s
              - job_name: istio-mesh
                metrics_path: /stats/prometheus
                file_sd_configs:
                  - files: ['{{prometheus.MeshTargetsFile}}']
                    refresh_interval: 1s
            """, cancellationToken);
        try
        {
            await prometheus.StartAgainAsync(cancellationToken);
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }

        return prometheus;
    }

    /// <summary>Starts the process (again, after <see cref="StopAsync"/>) and waits until it answers <c>/-/ready</c>.</summary>
    public async Task StartAgainAsync(CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(_binary)
        {
            ArgumentList =
            {
                $"--config.file={Path.Combine(_directory, "prometheus.yml")}",
                $"--storage.tsdb.path={Path.Combine(_directory, "data")}",
                $"--web.listen-address=127.0.0.1:{_port}",
                "--log.level=warn",
            },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        _process = Process.Start(start) ?? throw new InvalidOperationException($"{_binary} did not start");
        _process.ErrorDataReceived += (_, e) => Log(e.Data);
        _process.OutputDataReceived += (_, e) => Log(e.Data);
        _process.BeginErrorReadLine();
        _process.BeginOutputReadLine();
        await WaitReadyAsync(_process, cancellationToken);
    }

    /// <summary>Kills Prometheus (an outage) and waits until it is gone.</summary>
    public async Task StopAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
        }

        if (_process is not null)
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            _process.Dispose();
            _process = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open stays in the temp directory; it does not affect other runs.
        }
    }

    private void Log(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
            if (_logFile is not null && line is not null)
            {
                File.AppendAllText(_logFile, line + "\n");
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitReadyAsync(Process started, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var waited = Stopwatch.StartNew();
        while (waited.Elapsed < ReadyTimeout && !started.HasExited)
        {
            try
            {
                using var response = await http.GetAsync(new Uri(Url, "-/ready"), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Slow to start on a busy machine.
            }

            await Task.Delay(200, cancellationToken);
        }

        lock (_log)
        {
            throw new InvalidOperationException($"prometheus was not ready within {ReadyTimeout.TotalSeconds}s:\n{_log}");
        }
    }
}
