using System.Globalization;
using System.Net.Http.Headers;
using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>
/// Instant queries against Prometheus' <c>/api/v1/query</c> and bounded range queries against
/// <c>/api/v1/query_range</c> (a test's per-interval samples): one timeout per attempt, a small bounded retry on
/// transient failures (no connection, 5xx, <c>internal</c>, <c>unavailable</c>), never on a query Prometheus refused.
/// </summary>
internal sealed partial class PrometheusClient(
    IHttpClientFactory httpClients,
    PrometheusOptions options,
    AnalysisMetrics metrics,
    TimeProvider time,
    ILogger<PrometheusClient> logger)
{
    /// <summary>The most points one range query may ask for per series (Prometheus itself refuses more than 11 000).</summary>
    public const int MaxRangePoints = 1100;

    /// <summary>The name of the HttpClient configuration this client uses.</summary>
    public const string HttpClientName = "greylane-prometheus";

    /// <summary>The outcome of <paramref name="query"/> evaluated now; never throws for Prometheus' or the network's failures.</summary>
    public Task<QueryOutcome> QueryAsync(string query, CancellationToken cancellationToken) =>
        SendAsync("api/v1/query", [new("query", query)], cancellationToken);

    /// <summary>
    /// The outcome of <paramref name="query"/> evaluated every <paramref name="step"/> over the last
    /// <paramref name="window"/> (ending now). At most <see cref="MaxRangePoints"/> points: validation keeps strategies
    /// far below, and a larger request is refused here rather than sent.
    /// </summary>
    public Task<QueryOutcome> QueryRangeAsync(string query, TimeSpan window, TimeSpan step, CancellationToken cancellationToken)
    {
        if (step <= TimeSpan.Zero || window < step || window.Ticks / step.Ticks > MaxRangePoints)
        {
            return Task.FromResult(QueryOutcome.Failed(
                QueryFailureKind.InvalidResponse,
                $"a range of {GoDuration.Format(window)} at step {GoDuration.Format(step)} is not sent: use at most {MaxRangePoints} points"));
        }

        // Aligned to the step, so that consecutive measurements read the same intervals and Prometheus can cache them.
        var end = time.GetUtcNow().ToUnixTimeMilliseconds() / (long)step.TotalMilliseconds * (long)step.TotalMilliseconds / 1000.0;
        var start = end - window.TotalSeconds + step.TotalSeconds;
        return SendAsync(
            "api/v1/query_range",
            [
                new("query", query),
                new("start", start.ToString("0.###", CultureInfo.InvariantCulture)),
                new("end", end.ToString("0.###", CultureInfo.InvariantCulture)),
                new("step", GoDuration.Format(step)),
            ],
            cancellationToken);
    }

    private async Task<QueryOutcome> SendAsync(string path, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        if (options.Url is null)
        {
            return QueryOutcome.Failed(
                QueryFailureKind.NotConfigured,
                "no Prometheus address is set: start Greylane with --prometheus-url (or GREYLANE_PROMETHEUS_URL)");
        }

        for (var attempt = 0; ; attempt++)
        {
            var outcome = await AttemptAsync(options.Url, path, fields, cancellationToken).ConfigureAwait(false);
            if (!outcome.IsTransient || attempt >= options.Retries)
            {
                return outcome;
            }

            var backoff = options.RetryBackoff * (1 << attempt);
            LogRetry(attempt + 1, options.Retries, backoff, outcome.Failure?.Message ?? outcome.Response?.Error);
            await Task.Delay(backoff, time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<QueryOutcome> AttemptAsync(Uri url, string path, KeyValuePair<string, string>[] fields, CancellationToken cancellationToken)
    {
        string? token = null;
        if (options.TokenFile is { } tokenFile)
        {
            try
            {
                // Read per request so that a rotated (projected) token is picked up without a restart.
                token = (await File.ReadAllTextAsync(tokenFile, cancellationToken).ConfigureAwait(false)).Trim();
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return QueryOutcome.Failed(QueryFailureKind.NotConfigured, $"cannot read the bearer token file {tokenFile} (--prometheus-token-file): {e.Message}");
            }
        }

        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, Endpoint(url, path))
        {
            // POST keeps long queries out of URLs and access logs; Prometheus' own timeout stops the evaluation too.
            Content = new FormUrlEncodedContent([.. fields, new("timeout", GoDuration.Format(options.Timeout))]),
        };
        if (!string.IsNullOrEmpty(token))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        var started = time.GetTimestamp();
        QueryOutcome outcome;
        try
        {
            // A client per attempt from the factory: pooled handlers are rotated, so DNS changes are seen.
            var http = httpClients.CreateClient(HttpClientName);
            using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false);
            outcome = PrometheusResponseParser.Parse((int)response.StatusCode, body);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            outcome = QueryOutcome.Failed(QueryFailureKind.Timeout, $"Prometheus at {url} did not answer within {GoDuration.Format(options.Timeout)} (--prometheus-timeout)");
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            // IOException: the connection broke while the body was being read.
            outcome = QueryOutcome.Failed(QueryFailureKind.Unreachable, $"Prometheus at {url} is unreachable: {e.Message}");
        }

        metrics.RecordRequest(outcome, time.GetElapsedTime(started));
        return outcome;
    }

    /// <summary>The query endpoint under the configured root, keeping a path prefix such as <c>/prometheus</c>.</summary>
    internal static Uri Endpoint(Uri root, string path = "api/v1/query") =>
        new(root.AbsoluteUri.EndsWith('/') ? root : new Uri(root.AbsoluteUri + "/"), path);
}
