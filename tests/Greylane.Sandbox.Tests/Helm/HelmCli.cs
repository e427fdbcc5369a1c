using System.Diagnostics;
using Greylane.Sandbox.Tests.Support;

namespace Greylane.Sandbox.Tests.Helm;

/// <summary>
/// Runs the real helm binary against a test sandbox, each call bounded by a timeout. Helm is found through
/// <c>GREYLANE_HELM</c> or on the PATH; a missing helm fails the test with the command that installs it.
/// </summary>
internal sealed class HelmCli(TestSandbox sandbox)
{
    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The helm binary, or a failed test that says how to install it (CI installs it; nothing is skipped).</summary>
    public static string Binary => Found.Value ?? throw new InvalidOperationException(
        Environment.GetEnvironmentVariable("GREYLANE_HELM") is { Length: > 0 } configured
            ? $"GREYLANE_HELM is {configured}, which does not exist: point it at a helm binary, or unset it and run .ci/install-helm"
            : "helm is not installed: run .ci/install-helm (it puts helm v3.17.3 on the PATH), or set GREYLANE_HELM to a helm binary");

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--kubeconfig", sandbox.KubeconfigPath, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        // Helm's cache, configuration and data stay inside the test's scratch directory.
        foreach (var home in new[] { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
        {
            start.Environment[home] = Path.Combine(sandbox.Directory, "helm", home);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"helm {string.Join(' ', args)} did not finish within 90 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs helm and fails the test with its output unless it exits 0.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"helm {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return stdout;
    }

    private static string? Locate()
    {
        if (Environment.GetEnvironmentVariable("GREYLANE_HELM") is { Length: > 0 } configured)
        {
            return File.Exists(configured) ? configured : null;
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] extra = home is null ? [] : [Path.Combine(home, ".local", "bin")];
        return path.Concat(["/usr/local/bin"]).Concat(extra)
            .Select(dir => Path.Combine(dir, "helm"))
            .FirstOrDefault(File.Exists);
    }
}
