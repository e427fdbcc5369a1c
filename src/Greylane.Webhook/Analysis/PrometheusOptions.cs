using Greylane.Core.Analysis;
using Greylane.Webhook.Hosting;

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
        var reader = new OptionReader(configuration);
        var options = Read(reader);
        return reader.Problems.Count == 0 ? options : throw new PrometheusOptionsException(string.Join('\n', reader.Problems));
    }

    /// <summary>Reads the settings, noting each problem in <paramref name="reader"/> (the process reads all its settings at once).</summary>
    internal static PrometheusOptions Read(OptionReader reader)
    {
        Uri? url = null;
        if (Setting(reader, "url") is { } urlText
            && (!Uri.TryCreate(urlText, UriKind.Absolute, out url) || url.Scheme is not ("http" or "https")))
        {
            reader.Problem($"--prometheus-url '{urlText}' is not an http(s) URL; write the Prometheus server's root, e.g. http://prometheus.monitoring:9090");
            url = null;
        }

        var timeout = reader.Duration("--prometheus-timeout", Setting(reader, "timeout"), DefaultTimeout);
        var tenancy = ReadTenancy(reader);
        var tokenFile = Setting(reader, "token-file");
        return new PrometheusOptions(url, timeout, tokenFile, Retries: 2, RetryBackoff: TimeSpan.FromMilliseconds(250)) { Tenancy = tenancy };
    }

    private static QueryTenancy ReadTenancy(OptionReader reader)
    {
        var enabled = true;
        if (Setting(reader, "tenancy") is { } mode)
        {
            enabled = mode.ToLowerInvariant() switch
            {
                "on" => true,
                "off" => false,
                _ => Problem(reader, $"--prometheus-tenancy '{mode}' is not on or off; write on (queries read only their Deployment's namespace, the default) or off (single-tenant clusters)"),
            };
        }

        var label = Setting(reader, "tenancy-label") ?? QueryTenancy.DefaultLabel;
        if (QueryTenancy.LabelProblem(label) is { } problem)
        {
            reader.Problem($"--prometheus-tenancy-label {problem}");
        }

        return new QueryTenancy(enabled, label);
    }

    private static bool Problem(OptionReader reader, string problem)
    {
        reader.Problem(problem);
        return true;
    }

    /// <summary><c>--prometheus-NAME</c> (command line, configuration key <c>prometheus-NAME</c>) wins over <c>GREYLANE_PROMETHEUS_NAME</c>.</summary>
    private static string? Setting(OptionReader reader, string name) =>
        reader.Text($"prometheus-{name}") ?? reader.Text($"GREYLANE_PROMETHEUS_{name.Replace('-', '_').ToUpperInvariant()}");
}
