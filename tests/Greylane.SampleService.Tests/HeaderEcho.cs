using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.SampleService.Tests;

/// <summary>An upstream that answers with the request headers it got (the ones a client adds on its own left out).</summary>
internal sealed class HeaderEcho : IAsyncDisposable
{
    private static readonly HashSet<string> Transport = new(StringComparer.OrdinalIgnoreCase) { "Host", "Content-Length", "traceparent", "Connection" };
    private readonly WebApplication _app;

    private HeaderEcho(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    public static async Task<HeaderEcho> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        app.Run(context => context.Response.WriteAsync(string.Join(
            " ", context.Request.Headers.Where(h => !Transport.Contains(h.Key)).Select(h => $"{h.Key}={h.Value}"))));
        await app.StartAsync();
        return new HeaderEcho(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
