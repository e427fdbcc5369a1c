using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.SampleService.Tests;

/// <summary>The sample service started on a free loopback port with the given settings.</summary>
internal sealed class RunningSample : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningSample(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<RunningSample> StartAsync(params string[] settings)
    {
        var app = SampleApp.Build(["--urls", "http://127.0.0.1:0", "--POD_IP", "10.0.0.7", .. settings]);
        await app.StartAsync();
        return new RunningSample(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
