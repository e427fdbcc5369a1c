using System.Diagnostics;
using Greylane.Testing.Processes;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.ServerSideApply.Tests;

/// <summary>
/// A real client binary (kubectl 1.35, helm 4) run against a test sandbox with its own kubeconfig and caches, each
/// call bounded. Found by <see cref="ToolLocator"/>; a missing binary fails the test with the command that installs it
/// (CI installs them; nothing is skipped).
/// </summary>
internal sealed class ClientTool(TestSandbox sandbox, string binary, bool helm)
{
    public static ClientTool Kubectl135(TestSandbox sandbox) => new(sandbox, ToolLocator.Kubectl135, helm: false);

    public static ClientTool Helm4(TestSandbox sandbox) => new(sandbox, ToolLocator.Helm4, helm: true);

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        string[] common = helm ? ["--kubeconfig", sandbox.KubeconfigPath] : ["--kubeconfig", sandbox.KubeconfigPath, "--cache-dir", Path.Combine(sandbox.Directory, "kube-cache-135")];
        foreach (var arg in (string[])[.. common, .. args])
            start.ArgumentList.Add(arg);
        foreach (var home in new[] { "HELM_CACHE_HOME", "HELM_CONFIG_HOME", "HELM_DATA_HOME" })
            start.Environment[home] = Path.Combine(sandbox.Directory, "helm4", home);

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

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
            throw new TimeoutException($"{Path.GetFileName(binary)} {string.Join(' ', args)} did not finish within 90 s");
        }

        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Runs the tool (with <paramref name="stdin"/> when given) and fails the test with its output unless it exits 0.</summary>
    public async Task<string> OkAsync(string? stdin, params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(stdin, args);
        Assert.True(code == 0, $"{Path.GetFileName(binary)} {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return stdout;
    }
}
