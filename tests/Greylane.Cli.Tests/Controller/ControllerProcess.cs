using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Greylane.Cli.Tests.Controller;

/// <summary>
/// Greylane's real controller: the built Greylane.Webhook process run with <c>--kubeconfig</c> and <c>--controller true</c>
/// (its serving certificate is a throwaway self-signed one; no admission request reaches it in these tests).
/// </summary>
internal sealed class ControllerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly string dir;
    private readonly StringBuilder output = new();

    private ControllerProcess(Process process, string dir)
    {
        this.process = process;
        this.dir = dir;
    }

    /// <summary>What the process wrote so far (for failure messages).</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public static ControllerProcess Start(string kubeconfig)
    {
        var dir = Directory.CreateTempSubdirectory("greylane-controller-").FullName;
        var (cert, key) = WriteCertificate(dir);
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])[
            Path.Combine(AppContext.BaseDirectory, "Greylane.Webhook.dll"),
            "--tls-cert", cert, "--tls-key", key, "--urls", "https://127.0.0.1:0",
            "--kubeconfig", kubeconfig, "--controller", "true", "--leader-elect", "false",
            "--Logging:LogLevel:Default", "Warning"])
        {
            start.ArgumentList.Add(arg);
        }

        var process = Process.Start(start)!;
        var controller = new ControllerProcess(process, dir);
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
            lock (output)
            {
                output.Append(line).Append('\n');
            }
        }
    }

    private static (string Cert, string Key) WriteCertificate(string dir)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=greylane-test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        var cert = Path.Combine(dir, "tls.crt");
        var key = Path.Combine(dir, "tls.key");
        File.WriteAllText(cert, certificate.ExportCertificatePem());
        File.WriteAllText(key, rsa.ExportPkcs8PrivateKeyPem());
        return (cert, key);
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
        Directory.Delete(dir, recursive: true);
    }
}
