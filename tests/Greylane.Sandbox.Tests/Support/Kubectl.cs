using System.Diagnostics;

namespace Greylane.Sandbox.Tests.Support;

/// <summary>Runs the real kubectl binary against a test sandbox, each call bounded by a timeout.</summary>
internal sealed class Kubectl(TestSandbox sandbox)
{
    private const string Binary = "/usr/bin/kubectl";

    public static bool IsInstalled => File.Exists(Binary);

    /// <summary>Why a kubectl test did not run, for its output.</summary>
    public const string NotInstalled = "kubectl is not installed at /usr/bin/kubectl: this kubectl conformance test did not run.";

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunAsync(params string[] args) => await RunWithInputAsync(null, args);

    public async Task<(int ExitCode, string Stdout, string Stderr)> RunWithInputAsync(string? stdin, params string[] args)
    {
        var start = new ProcessStartInfo(Binary)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = stdin is not null,
            UseShellExecute = false,
        };
        foreach (var arg in (string[])["--kubeconfig", sandbox.KubeconfigPath, "--cache-dir", Path.Combine(sandbox.Directory, "kube-cache"), .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        if (stdin is not null)
        {
            await process.StandardInput.WriteAsync(stdin);
            process.StandardInput.Close();
        }

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

    /// <summary>Runs kubectl and fails the test with its output unless it exits 0.</summary>
    public async Task<string> OkAsync(params string[] args)
    {
        var (code, stdout, stderr) = await RunAsync(args);
        Assert.True(code == 0, $"kubectl {string.Join(' ', args)} exited {code}\nstdout: {stdout}\nstderr: {stderr}");
        return stdout;
    }
}
