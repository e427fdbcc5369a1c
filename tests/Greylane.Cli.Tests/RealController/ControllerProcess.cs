using System.Diagnostics;
using System.Text;
using Greylane.Sandbox;
using Greylane.Testing.Certificates;
using Greylane.Testing.Repository;

namespace Greylane.Cli.RealController.Tests;

/// <summary>
/// Greylane's real controller: the built Greylane.Webhook process run with <c>--kubeconfig</c> and <c>--controller true</c>
/// (its serving certificate is a throwaway one; no admission request reaches it in these tests).
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly CertificateFiles _certificates;
    private readonly StringBuilder _output = new();

    private ControllerProcess(Process process, CertificateFiles certificates)
    {
        _process = process;
        _certificates = certificates;
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static ControllerProcess Start(string kubeconfig)
    {
        var certificates = CertificateFiles.Plain(TestPki.Issue("greylane-test"));
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[
            WebhookBinary.Find(),
            "--tls-cert", certificates.CertificatePath, "--tls-key", certificates.KeyPath, "--urls", "https://127.0.0.1:0",
            "--kubeconfig", kubeconfig, "--context", SandboxServer.GreylaneContext, "--controller", "true", "--leader-elect", "false",
            "--Logging:LogLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var controller = new ControllerProcess(process, certificates);
        process.OutputDataReceived += (_, e) => controller.Append(e.Data);
        process.ErrorDataReceived += (_, e) => controller.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return controller;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _certificates.Dispose();
    }
}
