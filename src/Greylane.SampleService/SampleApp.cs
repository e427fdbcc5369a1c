using System.Diagnostics;
using Prometheus;

namespace Greylane.SampleService;

/// <summary>
/// The seed's mocka/mockb: <c>GET /</c> answers <c>-&gt; APP(version: V, ip: IP)</c> and, with <c>upstream_url</c>,
/// the upstream's answer on the next line, passing on only the lane header; <c>/metrics</c> for Prometheus.
/// </summary>
public static class SampleApp
{
    /// <summary>The configured app; <c>--urls http://127.0.0.1:PORT</c> binds it.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateSlimBuilder(args);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        var settings = SampleSettings.From(builder.Configuration);
        var registry = Metrics.NewCustomRegistry();
        builder.Services.AddSingleton(settings);
        builder.Services.AddSingleton(registry);
        builder.Services.AddSingleton<SampleMetrics>();
        builder.Services.AddSingleton(new ErrorInjector(settings.ErrorRate));
        builder.Services.AddHttpClient("upstream", http => http.Timeout = TimeSpan.FromSeconds(10));

        var app = builder.Build();
        app.MapGet("/", AnswerAsync);
        app.MapGet("/healthz", () => "ok\n");
        app.MapMetrics("/metrics", registry);
        return app;
    }

    private static async Task<IResult> AnswerAsync(
        HttpContext context, SampleSettings settings, SampleMetrics metrics, ErrorInjector errors, IHttpClientFactory clients)
    {
        var started = Stopwatch.GetTimestamp();
        var lane = context.Request.Headers[settings.LaneHeader].ToString();
        var text = $"-> {settings.App}(version: {settings.Version}, ip: {settings.Ip})";
        var code = StatusCodes.Status200OK;
        if (settings.Latency > TimeSpan.Zero)
        {
            await Task.Delay(settings.Latency, context.RequestAborted);
        }

        if (errors.NextFails())
        {
            code = StatusCodes.Status500InternalServerError;
            text += " injected error";
        }
        else if (settings.UpstreamUrl is { } upstream)
        {
            var (upstreamCode, upstreamText) = await CallAsync(clients.CreateClient("upstream"), upstream, settings.LaneHeader, lane, context.RequestAborted);
            code = upstreamCode is >= 200 and < 300 ? code : StatusCodes.Status502BadGateway;
            text += "\n" + upstreamText;
        }

        metrics.Record(code, Stopwatch.GetElapsedTime(started));
        return Results.Text(text.TrimEnd('\n') + "\n", statusCode: code);
    }

    private static async Task<(int Code, string Text)> CallAsync(HttpClient http, Uri upstream, string laneHeader, string lane, CancellationToken cancellationToken)
    {
        // Like the seed: a new request that carries only the lane header, nothing else of the incoming one.
        using var request = new HttpRequestMessage(HttpMethod.Get, upstream);
        if (lane.Length > 0)
        {
            request.Headers.TryAddWithoutValidation(laneHeader, lane);
        }

        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            return ((int)response.StatusCode, (await response.Content.ReadAsStringAsync(cancellationToken)).TrimEnd('\n'));
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            return (StatusCodes.Status502BadGateway, $"-> {upstream} unreachable: {e.Message}");
        }
    }
}
