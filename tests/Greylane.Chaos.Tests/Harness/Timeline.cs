using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// Everything that happened in one scenario, in order, on one clock: chaos actions, process starts and exits, writes
/// that reached the API, phase and routing changes, findings. Printed when a scenario fails.
/// </summary>
internal sealed class Timeline
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTime _started = DateTime.Now;
    private readonly List<TimelineEntry> _entries = [];
    private readonly Lock _gate = new();

    /// <summary>Time since the scenario started.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public void Add(string source, string text)
    {
        lock (_gate)
        {
            _entries.Add(new TimelineEntry(_clock.Elapsed, source, text));
        }
    }

    public IReadOnlyList<TimelineEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return [.. _entries];
            }
        }
    }

    /// <summary>Wall-clock time of a scenario time, as the controllers' own log lines print it.</summary>
    public string Wall(TimeSpan at) => (_started + at).ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    public string Format(int limit = 400)
    {
        var entries = Entries;
        var text = new StringBuilder();
        var skipped = Math.Max(0, entries.Count - limit);
        if (skipped > 0)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  … {skipped} earlier entries left out");
        }

        foreach (var entry in entries.Skip(skipped))
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"  {Stamp(entry.At)} ({Wall(entry.At)})  {entry.Source,-12} {entry.Text}");
        }

        return text.ToString();
    }

    public static string Stamp(TimeSpan at) => string.Create(CultureInfo.InvariantCulture, $"{at.TotalSeconds,8:0.000}s");
}
