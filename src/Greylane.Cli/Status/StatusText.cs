using System.Globalization;
using System.Text;
using Greylane.Core.Rollout;

namespace Greylane.Cli.Status;

/// <summary>The human form of <c>status</c>: a block for one Deployment, a table for many.</summary>
internal static class StatusText
{
    public static string Detail(ReleaseView view)
    {
        var s = view.Status;
        var text = new StringBuilder();
        Line(text, "Deployment", $"{view.Namespace}/{view.Deployment}{(view.OptedIn ? "" : "  (not opted in: annotation greylane.dev/enabled is not \"true\")")}");
        Line(text, "Phase", Phase(s) + (s.Since is { } since ? $"  since {Time(since)}" : ""));
        if (s.Release is not null)
        {
            Line(text, "Release", $"{s.Release}{(s.Stable is null ? "" : $" (replacing {s.Stable})")}");
        }

        Line(text, "Step", $"{view.StepNumber}/{view.Steps} {ProgressBar.Of(view.StepsDone, view.Steps)}");
        Line(text, "Canary", $"{view.Canary} ready");
        Line(text, "Stable", $"{view.Stable} ready");
        if (!s.Phase.IsAtRest)
        {
            Line(text, "Routing", view.Routing.ToString());
        }

        if (view.GatewayRoutes is { } routes)
        {
            Line(text, "Routes", routes.Count == 0 ? "original (no HTTPRoute or GRPCRoute carries this release)" : string.Join("\n            ", routes));
        }

        if (view.Metrics.Count > 0)
        {
            Line(text, "Analysis", "");
            foreach (var metric in view.Metrics)
            {
                text.Append("  ").Append(MetricLine(metric)).Append('\n');
                foreach (var (side, query) in (ReadOnlySpan<(string, string?)>)[("query", metric.Query), ("stable query", metric.StableQuery)])
                {
                    // Queries Greylane wrote (built-in, or a user's rendered per side) are shown, so nothing is hidden.
                    if (query is not null && metric.GeneratedQueries)
                    {
                        text.Append("    ").Append(side).Append(": ").Append(query).Append('\n');
                    }
                }
            }
        }

        if (view.PendingCommand is { } command)
        {
            Line(text, "Command", $"{command} (waiting for the controller)");
        }

        if (s.Message is { Length: > 0 } message)
        {
            Line(text, "Message", message);
        }

        foreach (var error in view.StrategyErrors)
        {
            Line(text, "Strategy", "invalid: " + error);
        }

        if (s.History.Count > 0)
        {
            Line(text, "History", "");
            foreach (var entry in s.History.TakeLast(5))
            {
                text.Append(CultureInfo.InvariantCulture, $"  {Time(entry.Time)}  {entry.From} -> {entry.To}  ({entry.Trigger})\n");
            }
        }

        return text.ToString();
    }

    public static string Table(IReadOnlyList<ReleaseView> views, string ns)
    {
        if (views.Count == 0)
        {
            return $"No opted-in Deployments in namespace {ns} (Greylane labels them greylane.dev/managed=true once it has seen them).\n";
        }

        var rows = new List<string[]> { new[] { "NAME", "PHASE", "STEP", "CANARY", "STABLE", "MESSAGE" } };
        rows.AddRange(views.Select(v => new[]
        {
            v.Deployment, Phase(v.Status), $"{v.StepNumber}/{v.Steps}", v.Canary.ToString(), v.Stable.ToString(), v.Status.Message ?? "",
        }));
        var widths = Enumerable.Range(0, 5).Select(i => rows.Max(r => r[i].Length)).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < 5; i++)
            {
                text.Append(row[i].PadRight(widths[i] + 3));
            }

            text.Append(row[5]);
            text.Length = text.ToString().TrimEnd(' ').Length;
            text.Append('\n');
        }

        return text.ToString();
    }

    public static string MetricLine(MetricRow m)
    {
        var bounds = (m.Min, m.Max) switch
        {
            ({ } min, { } max) => $"{Number(min)}..{Number(max)}",
            ({ } min, null) => $">= {Number(min)}",
            (null, { } max) => $"<= {Number(max)}",
            _ => "no bounds",
        };
        if (m.LastStableValue is not null && m.Last is { } judged && m.LastMessage is { Length: > 0 } compared)
        {
            // The message already says both sides and the tolerance: "canary 0.951 vs stable 0.953 (drop 0.002 ≤ 0.01)".
            return $"{m.Name}: {compared}: {judged.ToLowerInvariant()}  passed {m.Passed}/{m.Count}  failed {m.Failed} (limit {m.FailureLimit})  inconclusive {m.Inconclusive} (limit {m.InconclusiveLimit})";
        }

        var last = m.LastValue is { } value ? Number(value) : "-";
        var verdict = m.Last is null ? "" : $" {m.Last}";
        var message = m.LastMessage is { Length: > 0 } msg ? $"  ({msg})" : "";
        return $"{m.Name}: last {last}{verdict} (want {bounds})  passed {m.Passed}/{m.Count}  failed {m.Failed} (limit {m.FailureLimit})  inconclusive {m.Inconclusive} (limit {m.InconclusiveLimit}){message}";
    }

    private static string Phase(RolloutStatus s) =>
        s.Phase + (s.PausedByUser ? " (paused by user)" : "") + (s.Held ? " (held: analysis inconclusive)" : "");

    private static void Line(StringBuilder text, string label, string value) =>
        text.Append(value.Length == 0 ? label + ":" : (label + ":").PadRight(12) + value).Append('\n');

    public static string Time(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Number(double value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
