using System.Diagnostics;

namespace Greylane.Cli.Tests.Kubectl;

/// <summary>
/// A directory holding an executable <c>kubectl-greylane</c> that runs the built CLI with <c>dotnet</c>, put first on
/// PATH, so that the real kubectl finds it through its plugin mechanism exactly as it finds an installed binary.
/// </summary>
internal sealed class PluginShim : IDisposable
{
    public const string Kubectl = "/usr/bin/kubectl";

    /// <summary>Why a plugin test did not run, for its output.</summary>
    public const string NotInstalled = "kubectl is not installed at /usr/bin/kubectl: the kubectl plugin-mechanism test did not run.";

    private readonly string dir = Directory.CreateTempSubdirectory("greylane-plugin-").FullName;

    public PluginShim()
    {
        var dll = Path.Combine(AppContext.BaseDirectory, "kubectl-greylane.dll");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var shim = Path.Combine(dir, "kubectl-greylane");
        File.WriteAllText(shim, $"#!/bin/sh\nexec \"{dotnet}\" \"{dll}\" \"$@\"\n");
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("kubectl plugin shims are shell scripts; these tests run on Linux and macOS");
        }

        File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
    }

    public static bool KubectlInstalled => File.Exists(Kubectl);

    /// <summary>Runs <c>kubectl ARGS</c> with the shim first on PATH and KUBECONFIG set; bounded by a minute.</summary>
    public async Task<(int ExitCode, string Stdout, string Stderr)> KubectlAsync(string kubeconfig, params string[] args)
    {
        var start = new ProcessStartInfo(Kubectl) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["PATH"] = dir + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["KUBECONFIG"] = kubeconfig;
        start.Environment["HOME"] = dir;
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

    public void Dispose() => Directory.Delete(dir, recursive: true);
}
