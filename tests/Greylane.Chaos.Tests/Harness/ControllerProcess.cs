using System.Diagnostics;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// One Greylane process (webhook and controller, as deployed) run from the build output with <c>dotnet</c>, talking to
/// the sandbox only through its own <see cref="ChaosProxy"/>. Its log goes to a file. Killed and reaped on dispose.
/// </summary>
internal sealed class ControllerProcess : IChaosTarget, IAsyncDisposable
{
    private const string ListeningMarker = "Now listening on: ";

    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Timeline _timeline;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _gate = new();
    private bool _logClosed;

    private ControllerProcess(string identity, Process process, StreamWriter log, string logPath, ChaosProxy proxy, Timeline timeline)
    {
        Identity = identity;
        _process = process;
        _log = log;
        LogPath = logPath;
        Proxy = proxy;
        _timeline = timeline;
    }

    public string Identity { get; }

    public ChaosProxy Proxy { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    /// <summary>Completes when the process has exited (killed, terminated or crashed).</summary>
    public Task Exited => _exited.Task;

    public bool Stopped { get; private set; }

    /// <summary>Set when the harness killed it on purpose (a chaos rule or a scenario step).</summary>
    public string? KilledBecause { get; private set; }

    public static async Task<ControllerProcess> StartAsync(ControllerSettings settings, string identity, ChaosProxy proxy, Timeline timeline, CancellationToken ct)
    {
        var kubeconfig = Path.Combine(settings.Directory, $"{identity}.kubeconfig");
        await File.WriteAllTextAsync(kubeconfig, proxy.Kubeconfig(), ct);
        var start = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var arg in settings.Arguments(kubeconfig, identity))
        {
            start.ArgumentList.Add(arg);
        }

        // Many short-lived processes on two shared cores: one GC heap each keeps them light.
        start.Environment["DOTNET_gcServer"] = "0";
        var logPath = Path.Combine(settings.Directory, $"{identity}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var child = new ControllerProcess(identity, process, log, logPath, proxy, timeline);
        proxy.Target = child;
        timeline.Add(identity, $"started (pid {process.Id}, proxy {proxy.BaseAddress})");
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => child.OnExited();
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (process.HasExited)
        {
            child.OnExited();
        }

        try
        {
            await Task.WhenAny(child._listening.Task, child.Exited).WaitAsync(TimeSpan.FromSeconds(60), ct);
            if (!child._listening.Task.IsCompleted)
            {
                throw new InvalidOperationException($"{identity} exited before it listened; see {logPath}");
            }

            timeline.Add(identity, "listening");
        }
        catch
        {
            await child.DisposeAsync();
            throw;
        }

        return child;
    }

    /// <summary>SIGKILL: no shutdown, no lease handed over, no answer to whatever it was waiting for.</summary>
    public void Kill(string why)
    {
        lock (_gate)
        {
            if (_process.HasExited || KilledBecause is not null)
            {
                return;
            }

            KilledBecause = why;
            _process.Kill(entireProcessTree: false);
        }

        _timeline.Add(Identity, $"SIGKILL: {why}");
    }

    /// <summary>SIGSTOP: frozen as a whole (a GC pause, a stalled node); its timers and sockets wait for SIGCONT.</summary>
    public void Stop(string why)
    {
        lock (_gate)
        {
            Signals.Stop(_process.Id);
            Stopped = true;
        }

        _timeline.Add(Identity, $"SIGSTOP: {why}");
    }

    public void Continue(string why)
    {
        lock (_gate)
        {
            Signals.Continue(_process.Id);
            Stopped = false;
        }

        _timeline.Add(Identity, $"SIGCONT: {why}");
    }

    /// <summary>SIGTERM: the graceful stop Kubernetes sends when it deletes a pod.</summary>
    public void Terminate(string why)
    {
        Signals.Terminate(_process.Id);
        _timeline.Add(Identity, $"SIGTERM: {why}");
    }

    public string ReadLog()
    {
        lock (_gate)
        {
            if (!_logClosed)
            {
                _log.Flush();
            }
        }

        using var stream = new FileStream(LogPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                // SIGKILL ends a stopped process as well.
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException or System.ComponentModel.Win32Exception)
        {
        }

        _process.Dispose();
        lock (_gate)
        {
            _logClosed = true;
            _log.Dispose();
        }
    }

    private void OnExited()
    {
        if (_exited.TrySetResult())
        {
            int? code = null;
            try
            {
                code = _process.ExitCode;
            }
            catch (InvalidOperationException)
            {
            }

            _timeline.Add(Identity, $"exited (code {code?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"})");
        }
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_gate)
        {
            if (!_logClosed)
            {
                _log.WriteLine(line);
            }
        }

        if (line.Contains(ListeningMarker, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }
    }
}
