using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Greylane.Cli.Dashboard;

/// <summary>The dashboard's web server: Kestrel on 127.0.0.1 only, behind <see cref="DashboardGuard"/>, reading the cluster with the user's client.</summary>
internal sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private DashboardServer(WebApplication app, DashboardToken token, int port)
    {
        _app = app;
        Stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        Token = token.Value;
        Port = port;
    }

    public string Token { get; }

    /// <summary>Cancelled when the host stops on its own (SIGTERM: the generic host's console lifetime handles it).</summary>
    public CancellationToken Stopping { get; }

    public int Port { get; }

    /// <summary>The address to open: the page with this run's token.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/?token={Token}");

    /// <summary>The page's origin, without the token.</summary>
    public Uri Origin => new($"http://127.0.0.1:{Port}/");

    public static async Task<DashboardServer> StartAsync(IKubernetes client, DashboardOptions options, CancellationToken ct)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], EnvironmentName = Environments.Production });
        builder.Logging.ClearProviders();
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(2));

        // Loopback only, IPv4: the printed address and the Host check name 127.0.0.1 (or localhost) and this port.
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        var app = builder.Build();
        var token = new DashboardToken();
        var guard = new DashboardGuard(token);
        app.Use(guard.InvokeAsync);
        var scope = new ReleaseScope(client, options.Namespace);
        var stopping = app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        DashboardEndpoints.Map(app, scope, new ReleaseFeed(scope, options.WatchTimeout), stopping);
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            throw new CliException($"cannot listen on 127.0.0.1:{options.Port} ({e.Message}); pick another port with --port, or leave --port out for a free one");
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardServer(app, token, new Uri(address).Port);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
