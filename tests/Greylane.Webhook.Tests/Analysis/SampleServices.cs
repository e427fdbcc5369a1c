using Greylane.SampleService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.Webhook.Tests.Analysis;

/// <summary>
/// A healthy sample service (version <c>healthy</c>) and one failing 30% of requests (version <c>faulty</c>), both under
/// steady traffic, scraped every second by a real Prometheus.
/// </summary>
public sealed class SampleServices : IAsyncLifetime
{
    private readonly List<WebApplication> apps = [];
    private readonly CancellationTokenSource stop = new();
    private Task? traffic;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var healthy = await StartAsync("healthy", "0");
        var faulty = await StartAsync("faulty", "0.3");
        Prometheus = await PrometheusServer.StartAsync(healthy, faulty);
        traffic = SendTrafficAsync([healthy, faulty], stop.Token);
    }

    public async Task DisposeAsync()
    {
        await stop.CancelAsync();
        if (traffic is not null)
        {
            await traffic;
        }

        await Prometheus.DisposeAsync();
        foreach (var app in apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        stop.Dispose();
    }

    private async Task<Uri> StartAsync(string version, string errorRate)
    {
        var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--app", "mocka", "--version", version, "--ERROR_RATE", errorRate]);
        await app.StartAsync();
        apps.Add(app);
        return new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
    }

    private static async Task SendTrafficAsync(Uri[] services, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var service in services)
                {
                    (await http.GetAsync(service, cancellationToken)).Dispose();
                }

                await Task.Delay(20, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (HttpRequestException)
            {
                // A service stopping at the end of the run.
            }
        }
    }
}
