using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Greylane.Testing.Certificates;
using Greylane.Testing.Repository;

namespace Greylane.Webhook.Hosting.Tests;

/// <summary>The built Greylane process started as an operator starts it: what a bad start prints and how it exits.</summary>
public sealed class ProcessExitTests : IDisposable
{
    private readonly CertificateFiles _pair = CertificateFiles.Plain(TestPki.Issue("localhost"));

    public void Dispose() => _pair.Dispose();

    [Fact]
    public async Task Wrong_settings_exit_2_with_one_line_per_problem_and_no_stack_trace()
    {
        var (code, stdout, stderr) = await RunAsync(
            "--prometheus-url", "nope", "--lease-duration", "5", "--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath,
            "--controller", "false", "--prometheus-timeout", "10", "--workers", "many");

        Assert.True(code == 2, $"exit {code}\n{stdout}\n{stderr}");
        Assert.Equal(
        [
            "greylane: --lease-duration '5' has no unit; write 5s (durations are written the Go way: 500ms, 15s, 1m30s)",
            "greylane: --workers 'many' is not a whole number from 1 to 64",
            "greylane: --prometheus-url 'nope' is not an http(s) URL; write the Prometheus server's root, e.g. http://prometheus.monitoring:9090",
            "greylane: --prometheus-timeout '10' has no unit; write 10s (durations are written the Go way: 500ms, 15s, 1m30s)",
        ],
            stderr.TrimEnd('\n').Split('\n'));
        Assert.Empty(stdout);
    }

    [Fact]
    public async Task An_unexpected_failure_at_start_exits_1_with_one_line()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var (code, stdout, stderr) = await RunAsync("--tls-cert", _pair.CertificatePath, "--tls-key", _pair.KeyPath, "--controller", "false", "--urls", $"https://127.0.0.1:{port}");

        Assert.True(code == 1, $"exit {code}\n{stdout}\n{stderr}");
        var line = Assert.Single(stderr.TrimEnd('\n').Split('\n'));
        Assert.StartsWith("greylane: cannot run: IOException: Failed to bind to address https://127.0.0.1:", line, StringComparison.Ordinal);
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Greylane.Webhook.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"Greylane {string.Join(' ', args)} did not exit within 2 minutes");
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
