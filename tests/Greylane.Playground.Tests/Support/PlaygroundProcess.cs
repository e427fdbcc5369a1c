using System.Diagnostics;
using System.Text;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;

namespace Greylane.Playground.Support.Tests;

/// <summary>
/// <c>make sandbox</c> run as a person runs it, at the repository root, in its own process group (as a terminal's
/// foreground job is), with its files in a scratch <c>SANDBOX_DIR</c> so that a playground of the developer's is left
/// alone. Ctrl-C is a SIGINT to that group. Disposing kills whatever is left of the group.
/// </summary>
public sealed class PlaygroundProcess : IDisposable
{
    /// <summary>A cold <c>dotnet build</c> on a busy 2-core machine plus the start itself.</summary>
    public static readonly TimeSpan StartBound = TimeSpan.FromMinutes(4);

    private readonly Process _make;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private PlaygroundProcess(Process make, string directory)
    {
        _make = make;
        Directory = directory;
    }

    public string Directory { get; }

    public int GroupId => _make.Id;

    public string EnvFile => Path.Combine(Directory, "env");

    public string Stdout
    {
        get
        {
            lock (_stdout)
            {
                return _stdout.ToString();
            }
        }
    }

    public string Stderr
    {
        get
        {
            lock (_stderr)
            {
                return _stderr.ToString();
            }
        }
    }

    public bool HasExited => _make.HasExited;

    /// <summary>Starts <c>make sandbox [ARGS=…]</c> with <c>SANDBOX_DIR</c> set.</summary>
    public static PlaygroundProcess Start(string directory, string? makeArgs = null)
    {
        // setsid: make leads its own process group, as a terminal's job does, so that Ctrl-C reaches the whole group.
        var start = ForegroundJob.StartInfo("setsid", makeArgs is null ? ["make", "sandbox"] : ["make", "sandbox", $"ARGS={makeArgs}"]);
        start.WorkingDirectory = RepositoryRoot.Path;
        start.Environment["SANDBOX_DIR"] = directory;
        var make = Process.Start(start)!;
        var playground = new PlaygroundProcess(make, directory);
        make.OutputDataReceived += (_, e) => Append(playground._stdout, e.Data);
        make.ErrorDataReceived += (_, e) => Append(playground._stderr, e.Data);
        make.BeginOutputReadLine();
        make.BeginErrorReadLine();
        return playground;
    }

    /// <summary>Waits until <c>.sandbox/env</c> is written (the playground runs) and returns its variables.</summary>
    public async Task<IReadOnlyDictionary<string, string>> WaitRunningAsync()
    {
        await Eventually.TrueAsync(() => File.Exists(EnvFile) || HasExited, "make sandbox to write its env file", StartBound);
        Assert.False(HasExited, $"make sandbox ended before it ran:\n{this}");
        return EnvFile.ReadEnv();
    }

    /// <summary>
    /// Waits until make's output holds <paramref name="text"/>. The output comes through pipes and is read as it arrives,
    /// so the guide printed right after the env file is written can reach this side later than the file does.
    /// </summary>
    public Task WaitForOutputAsync(string text) =>
        Eventually.UntilAsync(() => Stdout, s => s.Contains(text, StringComparison.Ordinal), $"make sandbox to print \"{text}\"", TimeSpan.FromSeconds(30), s => $"stdout so far:\n{s}");

    /// <summary>Ctrl-C: SIGINT to make's process group, then waits until no process of the group is left.</summary>
    public async Task InterruptAsync()
    {
        var kill = await ProcessRunner.RunAsync("kill", ["-s", "INT", "--", $"-{GroupId}"], TimeSpan.FromSeconds(10));
        Assert.True(kill.ExitCode == 0, $"kill -INT -{GroupId}: {kill}");
        await Eventually.TrueAsync(() => ProcessGroup.Members(GroupId).Count == 0, $"every process of make's group {GroupId} to end", TimeSpan.FromSeconds(60));
        await _make.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(10));
    }

    public void Dispose()
    {
        if (ProcessGroup.Members(GroupId).Count > 0)
        {
            ProcessRunner.RunAsync("kill", ["-s", "KILL", "--", $"-{GroupId}"], TimeSpan.FromSeconds(10)).GetAwaiter().GetResult();
        }

        _make.Dispose();
    }

    public override string ToString() => $"stdout:\n{Stdout}\nstderr:\n{Stderr}";

    private static void Append(StringBuilder text, string? line)
    {
        if (line is not null)
        {
            lock (text)
            {
                text.AppendLine(line);
            }
        }
    }
}
