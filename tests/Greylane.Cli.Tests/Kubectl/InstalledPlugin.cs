using System.Diagnostics;
using Greylane.Cli.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Kubectl.Tests;

/// <summary>
/// The plugin installed the way the README says, once per test class (a publish takes a minute): its install command
/// run with <c>artifacts/plugin</c> and <c>~/.local/bin</c> replaced by temporary directories.
/// </summary>
public sealed class InstalledPlugin : IAsyncLifetime
{
    /// <summary>The README's install command, word for word.</summary>
    public const string ReadmeCommand = "make plugin && install -D -m 0755 artifacts/plugin/kubectl-greylane ~/.local/bin/kubectl-greylane";

    private readonly string _root = Directory.CreateTempSubdirectory("greylane-plugin-install-").FullName;

    /// <summary>Where the command put the plugin (the stand-in for <c>~/.local/bin</c>): nothing else is in it.</summary>
    public string BinDirectory => Path.Combine(_root, "bin");

    /// <summary>What the install printed, for failure messages.</summary>
    public string Log { get; private set; } = "";

    public async Task InitializeAsync()
    {
        if (!PluginShim.KubectlInstalled)
        {
            return;
        }

        var output = Path.Combine(_root, "out");
        var command = ReadmeCommand
            .Replace("make plugin", $"make plugin PLUGIN_OUT={output}", StringComparison.Ordinal)
            .Replace("artifacts/plugin/", output + "/", StringComparison.Ordinal)
            .Replace("~/.local/bin/", BinDirectory + "/", StringComparison.Ordinal); // not there yet, as on a fresh machine
        var start = new ProcessStartInfo("bash", ["-c", command])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"`{command}` did not finish within 10 minutes");
        }

        Log = $"$ {command}\n{await stdout}{await stderr}";
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"the README's install command failed (exit {process.ExitCode}):\n{Log}");
        }
    }

    /// <summary>Runs <c>kubectl ARGS</c> with PATH holding only the install directory, as a fresh shell would find the plugin.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> KubectlAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(PluginShim.Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = BinDirectory;
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = _root;

        // The plugin is framework-dependent: point it at the runtime running these tests, wherever that is installed.
        if (Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host)
        {
            start.Environment["DOTNET_ROOT"] = Path.GetDirectoryName(host);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"kubectl {string.Join(' ', args)} did not finish within 60 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    public Task DisposeAsync()
    {
        Directory.Delete(_root, recursive: true);
        return Task.CompletedTask;
    }
}
