using System.Diagnostics;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.ServerSideApply.Tests;

/// <summary>
/// A real client binary (kubectl 1.35, helm 4) run against a test sandbox with its own kubeconfig and caches, each
/// call bounded. Found through an environment variable or on the PATH; a missing binary fails the test with the
/// command that installs it (CI installs them; nothing is skipped).
/// </summary>
internal sealed class ClientTool(TestSandbox sandbox, string binary, bool helm)
{
    public static ClientTool Kubectl135(TestSandbox sandbox) => new(sandbox, Locate("GREYLANE_KUBECTL_135", "kubectl-1.35"), helm: false);

    public static ClientTool Helm4(TestSandbox sandbox) => new(sandbox, Locate("GREYLANE_HELM4", "helm4"), helm: true);

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

    private static string Locate(string variable, string name)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } configured)
        {
            return File.Exists(configured)
                ? configured
                : throw new InvalidOperationException($"{variable} is {configured}, which does not exist: point it at {name}, or unset it and run .ci/install-kube-tools");
        }

        var home = Environment.GetEnvironmentVariable("HOME");
        var path = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        string[] extra = home is null ? [] : [Path.Combine(home, ".local", "bin")];
        return path.Concat(["/usr/local/bin"]).Concat(extra).Select(dir => Path.Combine(dir, name)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{name} is not installed: run .ci/install-kube-tools (it installs helm4 and kubectl-1.35), or set {variable}");
    }
}
