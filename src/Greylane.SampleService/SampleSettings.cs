using System.Globalization;

namespace Greylane.SampleService;

/// <summary>
/// The service's settings, from the environment or the command line (case-insensitive keys): <c>APP</c>,
/// <c>VERSION</c>, <c>upstream_url</c>, <c>ERROR_RATE</c> (0–1), <c>LATENCY_MS</c>, <c>LANE_HEADER</c>, <c>POD_IP</c>.
/// </summary>
public sealed record SampleSettings(string App, string Version, Uri? UpstreamUrl, double ErrorRate, TimeSpan Latency, string LaneHeader, string Ip)
{
    /// <summary>Reads the settings; throws <see cref="ArgumentException"/> naming a wrong one.</summary>
    public static SampleSettings From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var upstream = configuration["upstream_url"];
        Uri? upstreamUrl = null;
        if (!string.IsNullOrWhiteSpace(upstream) && (!Uri.TryCreate(upstream, UriKind.Absolute, out upstreamUrl) || upstreamUrl.Scheme is not ("http" or "https")))
        {
            throw new ArgumentException($"upstream_url '{upstream}' is not an absolute http(s) URL, e.g. http://mockb:8000/");
        }

        var errorRate = Number(configuration, "ERROR_RATE", 0);
        if (errorRate is < 0 or > 1)
        {
            throw new ArgumentException($"ERROR_RATE {errorRate} is not between 0 and 1");
        }

        var latency = Number(configuration, "LATENCY_MS", 0);
        if (latency < 0)
        {
            throw new ArgumentException($"LATENCY_MS {latency} is negative");
        }

        return new SampleSettings(
            configuration["APP"] ?? "mock",
            configuration["VERSION"] ?? "base",
            upstreamUrl,
            errorRate,
            TimeSpan.FromMilliseconds(latency),
            configuration["LANE_HEADER"] ?? "my-request-id",
            configuration["POD_IP"] ?? LocalAddress.Find());
    }

    private static double Number(IConfiguration configuration, string key, double fallback) =>
        configuration[key] is not { Length: > 0 } text ? fallback
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value
        : throw new ArgumentException($"{key} '{text}' is not a number");
}
