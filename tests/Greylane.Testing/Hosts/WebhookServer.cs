using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Greylane.Testing.Certificates;
using Greylane.Webhook.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Prometheus;

namespace Greylane.Testing.Hosts;

/// <summary>
/// The real webhook host (Kestrel, TLS, endpoints; controller off) on 127.0.0.1 and a free port, with its own metrics
/// registry: admission served in the test process, so stopping or freezing a controller process never blocks it.
/// </summary>
public sealed class WebhookServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private WebhookServer(WebApplication app, int port)
    {
        _app = app;
        Port = port;
        BaseAddress = new Uri($"https://127.0.0.1:{port}");
    }

    public int Port { get; }

    public Uri BaseAddress { get; }

    /// <summary>The host's services (to put state on a page the test then reads over HTTPS).</summary>
    public IServiceProvider Services => _app.Services;

    public static async Task<WebhookServer> StartAsync(CertificateFiles files)
    {
        var app = WebhookHost.Build(
            [
                "--urls", "https://127.0.0.1:0",
                "--tls-cert", files.CertificatePath,
                "--tls-key", files.KeyPath,
                "--tls-poll", "500ms",
                "--controller", "false",
                "--Logging:LogLevel:Default", "Warning",
            ],
            services => services.AddSingleton(Prometheus.Metrics.NewCustomRegistry()));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new WebhookServer(app, new Uri(address).Port);
    }

    /// <summary>An HTTP/1.1 client that trusts only the test CA, as the API server trusts only the caBundle.</summary>
    public HttpClient Client() => TestPki.Authority.Client(BaseAddress);

    /// <summary>One fresh TLS handshake (a unique SNI name, so no session is resumed); what the server presented and agreed to.</summary>
    public async Task<Handshake> HandshakeAsync(SslProtocols protocols = SslProtocols.None, params string[] alpn)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, Port);
        await using var ssl = new SslStream(tcp.GetStream());
        X509Certificate2? seen = null;
        await ssl.AuthenticateAsClientAsync(new SslClientAuthenticationOptions
        {
            TargetHost = $"h{Guid.NewGuid():N}.localhost",
            EnabledSslProtocols = protocols,
            ApplicationProtocols = alpn.Length == 0 ? null : [.. alpn.Select(a => new SslApplicationProtocol(a))],
            RemoteCertificateValidationCallback = (_, certificate, _, _) =>
            {
                seen = new X509Certificate2(certificate!);
                return true;
            },
        });
        return new Handshake(seen!.Thumbprint, ssl.SslProtocol, ssl.NegotiatedApplicationProtocol.ToString());
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
