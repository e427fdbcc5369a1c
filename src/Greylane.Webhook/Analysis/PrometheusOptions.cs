using System.Globalization;
using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>
/// The operator's Prometheus settings: address, per-request timeout, optional bearer token file, the bounded retry, and
/// query tenancy. Read from <c>--prometheus-url</c>/<c>--prometheus-timeout</c>/<c>--prometheus-token-file</c>/
/// <c>--prometheus-tenancy</c>/<c>--prometheus-tenancy-label</c>, else from the <c>GREYLANE_PROMETHEUS_*</c> variable of
/// the same name. One object for the whole process: the analyzer scopes queries with <see cref="Tenancy"/> and admission
/// judges strategies with the same.
/// </summary>
public sealed record PrometheusOptions(Uri? Url, TimeSpan Timeout, string? TokenFile, int Retries, TimeSpan RetryBackoff)
{
    /// <summary>The per-request timeout when none is set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Whether queries are kept in their Deployment's namespace, and by which label; on with <c>namespace</c> unless the operator says otherwise.</summary>
    public QueryTenancy Tenancy { get; init; } = QueryTenancy.On;

    /// <summary>
    /// Reads the settings; throws <see cref="PrometheusOptionsException"/> naming every wrong one, one per line. No URL is
    /// allowed: every measurement is then inconclusive with a message that says how to set it, and releases without
    /// analysis run.
    /// </summary>
    public static PrometheusOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        Uri? url = null;
        if (Setting(configuration, "url") is { } urlText
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            problems.Add($"--prometheus-url '{urlText}' is not an http(s) URL; write the Prometheus server's root, e.g. http://prometheus.monitoring:9090");
        }

        var timeout = DefaultTimeout;
        if (Setting(configuration, "timeout") is { } timeoutText && !TryParseDuration(timeoutText, out timeout))
        {
            problems.Add($"--prometheus-timeout '{timeoutText}' is not a positive duration; write e.g. 10s or 1500ms");
        }

        var tenancy = ReadTenancy(configuration, problems);
        if (problems.Count > 0)
        {
            throw new PrometheusOptionsException(string.Join('\n', problems));
        }

        var tokenFile = Setting(configuration, "token-file");
        return new PrometheusOptions(url, timeout, tokenFile, Retries: 2, RetryBackoff: TimeSpan.FromMilliseconds(250)) { Tenancy = tenancy };
    }

    private static QueryTenancy ReadTenancy(IConfiguration configuration, List<string> problems)
    {
        var enabled = true;
        if (Setting(configuration, "tenancy") is { } mode)
        {
            enabled = mode.ToLowerInvariant() switch
            {
                "on" => true,
                "off" => false,
                _ => Problem(problems, $"--prometheus-tenancy '{mode}' is not on or off; write on (queries read only their Deployment's namespace, the default) or off (single-tenant clusters)"),
            };
        }

        var label = Setting(configuration, "tenancy-label") ?? QueryTenancy.DefaultLabel;
        if (QueryTenancy.LabelProblem(label) is { } problem)
        {
            problems.Add($"--prometheus-tenancy-label {problem}");
        }

        return new QueryTenancy(enabled, label);
    }

    private static bool Problem(List<string> problems, string problem)
    {
        problems.Add(problem);
        return true;
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
