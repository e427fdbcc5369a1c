using Greylane.SampleService;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>
/// A healthy sample service (version <c>healthy</c>) and one failing 30% of requests (version <c>faulty</c>), both under
/// steady traffic in namespace <c>e2e</c>, and a third (version <c>other</c>, no traffic) in namespace <c>team2</c>,
/// scraped every second by a real Prometheus that labels each target with its namespace as Kubernetes discovery would.
/// </summary>
public sealed class SampleServices : IAsyncLifetime
{
    private readonly List<WebApplication> _apps = [];
    private readonly CancellationTokenSource _stop = new();
    private Task? _traffic;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var healthy = await StartAsync("healthy", "0");
        var faulty = await StartAsync("faulty", "0.3");
        var other = await StartAsync("other", "0");
        using (var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) })
        {
            // One request: the sample creates its metrics on first use, and team2's series must exist to be hidden.
            (await http.GetAsync(other)).Dispose();
        }

        Prometheus = await PrometheusServer.StartAsync(new ScrapeTarget(healthy, "e2e"), new ScrapeTarget(faulty, "e2e"), new ScrapeTarget(other, "team2"));
        _traffic = SendTrafficAsync([healthy, faulty], _stop.Token);
    }

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_traffic is not null)
        {
            await _traffic;
        }

        await Prometheus.DisposeAsync();
        foreach (var app in _apps)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        _stop.Dispose();
    }

    private async Task<Uri> StartAsync(string version, string errorRate)
    {
        var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--app", "mocka", "--version", version, "--ERROR_RATE", errorRate]);
        await app.StartAsync();
        _apps.Add(app);
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
