using System.Globalization;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>
/// The operator's Prometheus settings: address, per-request timeout, optional bearer token file, and the bounded retry.
/// Read from <c>--prometheus-url</c>/<c>--prometheus-timeout</c>/<c>--prometheus-token-file</c>, else from
/// <c>GREYLANE_PROMETHEUS_URL</c>/<c>GREYLANE_PROMETHEUS_TIMEOUT</c>/<c>GREYLANE_PROMETHEUS_TOKEN_FILE</c>.
/// </summary>
public sealed record PrometheusOptions(Uri? Url, TimeSpan Timeout, string? TokenFile, int Retries, TimeSpan RetryBackoff)
{
    /// <summary>The per-request timeout when none is set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Reads the settings; throws <see cref="PrometheusOptionsException"/> naming a wrong one. No URL is allowed: every
    /// measurement is then inconclusive with a message that says how to set it, and releases without analysis run.
    /// </summary>
    public static PrometheusOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        Uri? url = null;
        if (Setting(configuration, "url") is { } urlText
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            throw new PrometheusOptionsException($"--prometheus-url '{urlText}' is not an http(s) URL; write the Prometheus server's root, e.g. http://prometheus.monitoring:9090");
        }

        var timeout = DefaultTimeout;
        if (Setting(configuration, "timeout") is { } timeoutText && !TryParseDuration(timeoutText, out timeout))
        {
            throw new PrometheusOptionsException($"--prometheus-timeout '{timeoutText}' is not a positive duration; write e.g. 10s or 1500ms");
        }

        var tokenFile = Setting(configuration, "token-file");
        return new PrometheusOptions(url, timeout, tokenFile, Retries: 2, RetryBackoff: TimeSpan.FromMilliseconds(250));
    }

    /// <summary><c>--prometheus-NAME</c> (command line, configuration key <c>prometheus-NAME</c>) wins over <c>GREYLANE_PROMETHEUS_NAME</c>.</summary>
    private static string? Setting(IConfiguration configuration, string name)
    {
        var value = configuration[$"prometheus-{name}"];
        if (string.IsNullOrWhiteSpace(value))
        {
            value = configuration[$"GREYLANE_PROMETHEUS_{name.Replace('-', '_').ToUpperInvariant()}"];
        }

        return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    private static bool TryParseDuration(string text, out TimeSpan value)
    {
        // Plain seconds ("10") as well as Go durations ("10s"), since both are what people write in flags.
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds) && seconds is > 0 and < 86_400)
        {
            value = TimeSpan.FromSeconds(seconds);
            return true;
        }

        return GoDuration.TryParse(text, out value) && value > TimeSpan.Zero;
    }
}
