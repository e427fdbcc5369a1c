using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Grafana.Tests;

public sealed partial class GrafanaDashboardTests
{
    private static readonly string DashboardPath = RepositoryRoot.Combine("manifests", "grafana", "greylane-dashboard.json");

    // The metrics the dashboard is for: admission, analysis, and the controller's (issue 5).
    private static readonly string[] Required =
    [
        "greylane_admission_duration_seconds", "greylane_admission_decisions_total",
        "greylane_analysis_measurements_total", "greylane_analysis_last_value", "greylane_prometheus_request_duration_seconds",
        "greylane_rollout_phase", "greylane_rollout_step", "greylane_rollouts_total",
        "greylane_reconcile_duration_seconds", "greylane_reconcile_errors_total", "greylane_queue_depth",
    ];

    [Fact]
    public void Every_metric_the_dashboard_queries_is_exported_by_greylane()
    {
        var exported = ExportedMetrics.Series();

        var missing = QueriedMetrics().Where(name => !exported.ContainsKey(name)).Order(StringComparer.Ordinal).ToList();

        Assert.True(
            missing.Count == 0,
            $"the dashboard queries {string.Join(", ", missing)}, which no metric class under {ExportedMetrics.SourceRoot} exports "
            + "(the controller's metrics come with src/Greylane.Webhook/Controller/ControllerMetrics.cs from main); "
            + $"exported: {string.Join(", ", exported.Keys.Order(StringComparer.Ordinal))}");
    }

    [Fact]
    public void The_dashboard_shows_every_admission_analysis_and_controller_metric()
    {
        var queried = QueriedMetrics().Select(BaseName).ToHashSet(StringComparer.Ordinal);

        Assert.All(Required, name => Assert.Contains(name, queried));
    }

    [Fact]
    public void Every_panel_queries_the_chosen_prometheus_and_has_a_place_and_an_id()
    {
        var panels = Panels().ToList();

        Assert.All(panels.Where(p => (string?)p["type"] != "row"), panel =>
        {
            Assert.Equal("${datasource}", (string?)panel["datasource"]?["uid"]);
            Assert.NotEmpty(panel["targets"]!.AsArray());
            Assert.All(panel["targets"]!.AsArray(), t => Assert.False(string.IsNullOrWhiteSpace((string?)t!["expr"])));
            Assert.NotNull(panel["gridPos"]?["w"]);
        });
        Assert.Equal(panels.Count, panels.Select(p => (int?)p["id"]).Distinct().Count());
    }

    [Fact]
    public void Extraction_reads_metric_names_out_of_promql()
    {
        Assert.Equal(
            ["greylane_a_bucket", "greylane_b_total"],
            Names("histogram_quantile(0.9, sum by (le) (rate(greylane_a_bucket[5m]))) / sum(greylane_b_total{x=\"greylane_not_a_metric\"})"));
    }

    private static IEnumerable<string> QueriedMetrics()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!;
        var expressions = Panels().SelectMany(p => p["targets"]?.AsArray() ?? []).Select(t => (string?)t!["expr"])
            .Concat(dashboard["templating"]!["list"]!.AsArray().Select(v => (string?)v!["definition"]));
        return expressions.OfType<string>().SelectMany(Names).Distinct(StringComparer.Ordinal);
    }

    private static IEnumerable<JsonObject> Panels()
    {
        var dashboard = JsonNode.Parse(File.ReadAllText(DashboardPath))!;
        foreach (var panel in dashboard["panels"]!.AsArray().OfType<JsonObject>())
        {
            yield return panel;
            foreach (var nested in panel["panels"]?.AsArray().OfType<JsonObject>() ?? [])
            {
                yield return nested;
            }
        }
    }

    // Names outside label matchers' quoted values: a label value is not a metric.
    private static IEnumerable<string> Names(string promql) =>
        MetricName().Matches(Quoted().Replace(promql, "\"\"")).Select(m => m.Value).Distinct(StringComparer.Ordinal);

    private static string BaseName(string series) => Suffix().Replace(series, "");

    [GeneratedRegex(@"\bgreylane_[a-zA-Z0-9_]+")]
    private static partial Regex MetricName();

    [GeneratedRegex(@"""(?:[^""\\]|\\.)*""")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"_(bucket|sum|count)$")]
    private static partial Regex Suffix();
}
