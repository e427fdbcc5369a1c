using Greylane.Sandbox;
using Greylane.Webhook.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Greylane.Demo.Setup;

/// <summary>
/// Greylane itself (admission webhook and, when <c>--kubeconfig</c> is given, the controller), built by the very
/// <see cref="WebhookHost"/> the product's <c>Program</c> runs, on a free HTTPS port of 127.0.0.1.
/// </summary>
internal sealed class GreylaneInstance : IAsyncDisposable
{
    private readonly WebApplication _app;

    private GreylaneInstance(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The HTTPS root the webhook serves, e.g. <c>https://127.0.0.1:40123/</c>.</summary>
    public Uri Url { get; }

    /// <summary>The command line Greylane was started with (printed by the demo so that it can be repeated by hand).</summary>
    public static IReadOnlyList<string> Arguments(DemoPki pki, string kubeconfig, Uri? prometheus)
    {
        List<string> args =
        [
            "--urls", "https://127.0.0.1:0",
            "--tls-cert", pki.CertificatePath,
            "--tls-key", pki.KeyPath,
            "--kubeconfig", kubeconfig,
            // As its ServiceAccount, so that its own writes skip its webhook (matchConditions), as in a cluster.
            "--context", SandboxServer.GreylaneContext,
            "--controller", "true",
            "--leader-elect", "true",
            "--lease-namespace", DemoNames.LeaseNamespace,
        ];
        if (prometheus is not null)
        {
            args.AddRange(["--prometheus-url", prometheus.ToString().TrimEnd('/'), "--prometheus-timeout", "2s"]);
        }

        return args;
    }

    /// <summary>Starts Greylane; with <paramref name="log"/> its log also goes there (the DI container picks up extra providers).</summary>
    public static async Task<GreylaneInstance> StartAsync(IReadOnlyList<string> arguments, CancellationToken cancellationToken, ILoggerProvider? log = null)
    {
        var app = WebhookHost.Build([.. arguments], services =>
        {
            if (log is not null)
            {
                services.AddSingleton(log);
            }
        });
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new GreylaneInstance(app, new Uri(address.TrimEnd('/') + "/"));
    }

    public async ValueTask DisposeAsync()
    {
        using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _app.StopAsync(stopping.Token);
        }
        catch (OperationCanceledException)
        {
            // A hosted service that did not stop in time; the process ends anyway.
        }

        await _app.DisposeAsync();
    }
}
