using System.Globalization;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// The PromQL of the built-in metrics, from Istio's standard metrics as Envoy sidecars (or waypoints) report them:
/// <c>istio_requests_total</c> and <c>istio_request_duration_milliseconds_bucket</c>, selected by reporter, the
/// Deployment's namespace, its canonical service and the canary's canonical revision (negated for stable).
/// </summary>
public static class MeshQueries
{
    /// <summary>The query of <paramref name="metric"/> for one side, its rates over <paramref name="range"/>.</summary>
    public static string Render(BuiltinMetric metric, MeshReporter reporter, string @namespace, string canonicalService, string release, MeasuredSide side, TimeSpan range)
    {
        var selector = Selector(reporter, @namespace, canonicalService, release, side);
        var window = GoDuration.Format(range);
        if (BuiltinMetrics.Quantile(metric) is { } quantile)
        {
            return $"histogram_quantile({quantile.ToString(CultureInfo.InvariantCulture)}, sum by (le) (rate(istio_request_duration_milliseconds_bucket{{{selector}}}[{window}])))";
        }

        return metric switch
        {
            BuiltinMetric.SuccessRate =>
                $"sum(rate(istio_requests_total{{{selector},response_code!~\"5..\"}}[{window}])) / sum(rate(istio_requests_total{{{selector}}}[{window}]))",
            _ => $"sum(rate(istio_requests_total{{{selector}}}[{window}]))",
        };
    }

    /// <summary>The number of requests one side served in <paramref name="range"/> (what a numeric <c>minSamples</c> counts).</summary>
    public static string Requests(MeshReporter reporter, string @namespace, string canonicalService, string release, MeasuredSide side, TimeSpan range) =>
        $"sum(increase(istio_requests_total{{{Selector(reporter, @namespace, canonicalService, release, side)}}}[{GoDuration.Format(range)}]))";

    private static string Selector(MeshReporter reporter, string @namespace, string canonicalService, string release, MeasuredSide side)
    {
        var reporterName = reporter == MeshReporter.Waypoint ? "waypoint" : "destination";
        var op = side == MeasuredSide.Canary ? "=" : "!=";
        return $"reporter=\"{reporterName}\",destination_workload_namespace=\"{Escape(@namespace)}\","
            + $"destination_canonical_service=\"{Escape(canonicalService)}\",destination_canonical_revision{op}\"{Escape(release)}\"";
    }

    private static string Escape(string value) => QueryTemplate.EscapeLabelValue(value);
}
