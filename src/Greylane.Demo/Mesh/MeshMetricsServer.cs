using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Greylane.Demo.Mesh;

/// <summary>
/// Serves <see cref="MeshTelemetry"/> at <c>/stats/prometheus</c> on a loopback port (the sidecars' metrics path) and
/// writes that address as a file_sd target without a <c>namespace</c> target label, so the exported per-pod
/// <c>namespace</c> label stays as Kubernetes relabelling would have set it.
/// </summary>
internal sealed class MeshMetricsServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private MeshMetricsServer(WebApplication app, Uri url)
    {
        _app = app;
        Url = url;
    }

    public Uri Url { get; }

    public static async Task<MeshMetricsServer> StartAsync(MeshTelemetry telemetry, string targetsFile, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapGet("/stats/prometheus", () => Results.Text(telemetry.Render(), "text/plain; version=0.0.4"));
        await app.StartAsync(cancellationToken);
        var url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var targets = new JsonArray(new JsonObject { ["targets"] = new JsonArray(url.Authority), ["labels"] = new JsonObject { ["job"] = "istio-mesh" } });
        var temporary = targetsFile + ".tmp";
        await File.WriteAllTextAsync(temporary, targets.ToJsonString(), cancellationToken);
        File.Move(temporary, targetsFile, overwrite: true);
        return new MeshMetricsServer(app, url);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
