using System.Globalization;
using System.Text;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Mesh;

/// <summary>
/// Istio's standard request metrics for the requests the mesh stand-in routes, with Envoy's names and labels:
/// <c>istio_requests_total</c> and the <c>istio_request_duration_milliseconds</c> histogram (Istio's default buckets),
/// rendered in Prometheus' text format, so Greylane's built-in metrics run against them unchanged.
/// </summary>
internal sealed class MeshTelemetry
{
    /// <summary>Istio's default duration buckets, in milliseconds.</summary>
    private static readonly double[] Buckets = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000];

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Series> _series = new(StringComparer.Ordinal);

    /// <summary>Counts one request to <paramref name="pod"/> that took <paramref name="elapsed"/> and was answered with <paramref name="code"/>.</summary>
    public void Record(RunningPod pod, string service, bool fromGateway, int code, TimeSpan elapsed)
    {
        var labels = Selector(IstioLabels.For(pod, service, fromGateway, code));
        lock (_gate)
        {
            if (!_series.TryGetValue(labels, out var series))
            {
                _series[labels] = series = new Series(new long[Buckets.Length]);
            }

            series.Count++;
            series.Sum += elapsed.TotalMilliseconds;
            for (var i = 0; i < Buckets.Length; i++)
            {
                if (elapsed.TotalMilliseconds <= Buckets[i])
                {
                    series.Buckets[i]++;
                }
            }
        }
    }

    /// <summary>Every series in Prometheus' text exposition format.</summary>
    public string Render()
    {
        var text = new StringBuilder();
        text.Append("# TYPE istio_requests_total counter\n");
        lock (_gate)
        {
            foreach (var (labels, series) in _series)
            {
                text.Append(CultureInfo.InvariantCulture, $"istio_requests_total{{{labels}}} {series.Count}\n");
            }

            text.Append("# TYPE istio_request_duration_milliseconds histogram\n");
            foreach (var (labels, series) in _series)
            {
                for (var i = 0; i < Buckets.Length; i++)
                {
                    text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"{Buckets[i]}\"}} {series.Buckets[i]}\n");
                }

                text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} {series.Count}\n");
                text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_sum{{{labels}}} {series.Sum}\n");
                text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_count{{{labels}}} {series.Count}\n");
            }
        }

        return text.ToString();
    }

    private static string Selector(string[] values) =>
        string.Join(",", IstioLabels.Names.Select((name, i) => $"{name}=\"{Escape(values[i])}\""));

    private static string Escape(string value) =>
        value.Replace("\\", @"\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal).Replace("\n", @"\n", StringComparison.Ordinal);

    private sealed class Series(long[] buckets)
    {
        public long[] Buckets { get; } = buckets;

        public long Count { get; set; }

        public double Sum { get; set; }
    }
}
