using System.Diagnostics;
using Greylane.Sandbox;
using Greylane.Testing.Certificates;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// Greylane (webhook and controller in one process, as deployed) run as a child process from the build output, so that
/// its memory is its own and can be read from /proc. Killed on dispose, whatever happened.
/// </summary>
internal sealed class GreylaneProcess : IAsyncDisposable
{
    private const string ListeningMarker = "Now listening on: ";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly TaskCompletionSource<Uri> _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> _warningLines = [];
    private readonly TierUpThreads _tierUp;
    private int _warnings;
    private bool _afterWarning;
    private bool _logClosed;

    private GreylaneProcess(Process process, StreamWriter log)
    {
        _process = process;
        _log = log;
        _tierUp = new TierUpThreads(process.Id);
    }

    public int Pid => _process.Id;

    public Uri BaseAddress { get; private set; } = new("https://127.0.0.1/");

    /// <summary>Log lines at warning level or above (reconcile failures, watch failures, lost leases).</summary>
    public int Warnings
    {
        get
        {
            lock (_log)
            {
                return _warnings;
            }
        }
    }

    public bool HasExited => _process.HasExited;

    /// <summary>The first warning log entries (level line and message line), to print with the figures.</summary>
    public IReadOnlyList<string> WarningLines
    {
        get
        {
            lock (_log)
            {
                return [.. _warningLines];
            }
        }
    }

    public static async Task<GreylaneProcess> StartAsync(string dll, string kubeconfig, CertificateFiles certificates, int? workers, string logPath, TimeSpan timeout)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in new[]
        {
            dll, "--kubeconfig", kubeconfig, "--context", SandboxServer.GreylaneContext, "--controller", "true", "--identity", "greylane-bench",
            "--tls-cert", certificates.CertificatePath, "--tls-key", certificates.KeyPath, "--urls", "https://127.0.0.1:0",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information",
        })
        {
            start.ArgumentList.Add(arg);
        }

        if (workers is { } count)
        {
            start.ArgumentList.Add("--workers");
            start.ArgumentList.Add(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new GreylaneProcess(process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            child.BaseAddress = await child._listening.Task.WaitAsync(timeout);
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    public ProcessSample Sample() => ProcessSample.Read(_process.Id, _tierUp);

    public long RssBytes() => ProcessSample.Memory(_process.Id).RssBytes;

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (InvalidOperationException)
        {
        }
        catch (TimeoutException)
        {
        }

        _process.Dispose();
        lock (_log)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            _listening.TrySetException(new InvalidOperationException("Greylane exited before it listened; see its log"));
            return;
        }

        lock (_log)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }

            var warning = line.StartsWith("warn:", StringComparison.Ordinal) || line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal);
            if (warning)
            {
                _warnings++;
            }

            if ((warning || _afterWarning) && _warningLines.Count < 40)
            {
                _warningLines.Add(line.Trim());
            }

            _afterWarning = warning;
        }

        var marker = line.IndexOf(ListeningMarker, StringComparison.Ordinal);
        if (marker >= 0)
        {
            _listening.TrySetResult(new Uri(line[(marker + ListeningMarker.Length)..].Trim()));
        }
    }
}
