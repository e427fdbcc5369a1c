using System.Diagnostics;
using System.Globalization;

namespace Greylane.Demo.Narration;

/// <summary>The demo's narration: lines stamped with the seconds since the start, safe to write from several loops.</summary>
internal sealed class DemoOutput(TextWriter writer)
{
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Line(string text)
    {
        var stamp = string.Create(CultureInfo.InvariantCulture, $"[{_clock.Elapsed.TotalSeconds,6:0.0}s] ");
        lock (_gate)
        {
            foreach (var line in text.Split('\n'))
            {
                writer.WriteLine(stamp + line);
                stamp = new string(' ', stamp.Length);
            }

            writer.Flush();
        }
    }

    /// <summary>A heading between the acts of the story.</summary>
    public void Heading(string text)
    {
        lock (_gate)
        {
            writer.WriteLine();
            writer.WriteLine($"== {text} ==");
            writer.Flush();
        }
    }
}
