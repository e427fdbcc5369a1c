using System.Globalization;
using System.Text;

namespace Greylane.Chaos.Harness.Tests;

/// <content>What a scenario prints: the findings, the timeline of phases, chaos actions and writes, and the controllers' logs.</content>
internal sealed partial class ChaosBed
{
    private const int LogLinesPerProcess = 150;
    private const int LogLineWidth = 400;

    /// <summary>A few lines for every run: phases seen, chaos done, lease hand-overs.</summary>
    public string Summary()
    {
        var text = new StringBuilder();
        var phases = Timeline.Entries.Where(e => e.Source == "status").Select(e => e.Text.Split(" → ")[^1]);
        text.AppendLine(CultureInfo.InvariantCulture, $"phases: {string.Join(" → ", phases)}");
        var chaos = Timeline.Entries.Where(e => e.Text.StartsWith("SIG", StringComparison.Ordinal) || e.Source == "lease");
        foreach (var entry in chaos)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"{Timeline.Stamp(entry.At)} {entry.Source}: {entry.Text}");
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"final: {Observer.Current}");
        return text.ToString();
    }

    /// <summary>Everything, for a failed scenario.</summary>
    public string Report(Exception? failure)
    {
        var text = new StringBuilder();
        text.AppendLine(Findings.Count == 0 && failure is null ? "==== chaos scenario report ====" : "==== chaos scenario failed ====");
        if (failure is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"error: {failure.GetType().Name}: {failure.Message}");
        }

        text.AppendLine(Findings.Format());
        text.AppendLine("==== summary ====");
        text.AppendLine(Summary());
        text.AppendLine("==== timeline (scenario time, wall clock as in the logs) ====");
        text.AppendLine(Timeline.Format());
        foreach (var process in Processes)
        {
            var lines = process.ReadLog().Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var exchanges = process.Proxy.Exchanges;
            text.AppendLine(CultureInfo.InvariantCulture,
                $"==== requests of {process.Identity}: {exchanges.Count} ({exchanges.Count(e => e.PathAndQuery.Contains("watch=true", StringComparison.Ordinal))} watches, {exchanges.Count(e => e.IsStateWrite)} state writes, {exchanges.Count(e => e.IsLease && e.IsWrite)} lease writes, {exchanges.Count(e => e.IsEvent && e.IsWrite)} Events; {exchanges.Count(e => e.Code is null)} never answered) ====");
            text.AppendLine(CultureInfo.InvariantCulture, $"==== log of {process.Identity} ({process.LogPath}; last {Math.Min(lines.Length, LogLinesPerProcess)} of {lines.Length} lines) ====");
            foreach (var line in lines.TakeLast(LogLinesPerProcess))
            {
                text.AppendLine(line.Length > LogLineWidth ? line[..LogLineWidth] + " …" : line);
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"(files kept in {Directory})");
        return text.ToString();
    }
}
