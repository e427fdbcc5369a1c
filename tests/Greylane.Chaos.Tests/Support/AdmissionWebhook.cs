using Greylane.Webhook.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.Chaos.Tests.Support;

/// <summary>
/// Greylane's admission webhook served in the test process (controller off), so that killing or freezing a controller
/// process never blocks admission of the Deployment writes the scenarios make.
/// </summary>
internal sealed class AdmissionWebhook : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AdmissionWebhook(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<AdmissionWebhook> StartAsync(Pki pki)
    {
        var app = WebhookHost.Build(
            [
                "--urls", "https://127.0.0.1:0",
                "--tls-cert", pki.CertificatePath,
                "--tls-key", pki.KeyPath,
                "--controller", "false",
                "--Logging:LogLevel:Default", "Warning",
            ],
            services => services.AddSingleton(Prometheus.Metrics.NewCustomRegistry()));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new AdmissionWebhook(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
