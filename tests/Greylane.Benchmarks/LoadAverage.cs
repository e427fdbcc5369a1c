using System.Globalization;

namespace Greylane.Benchmarks;

/// <summary>The 1-minute load average, printed at the start and end of a run so that a noisy (shared) machine shows.</summary>
internal static class LoadAverage
{
    public static string OneMinute()
    {
        try
        {
            // /proc/loadavg: "0.52 0.58 0.59 1/467 12345"; the first field is the 1-minute average.
            var text = File.ReadAllText("/proc/loadavg");
            return text.Split(' ', 2)[0];
        }
        catch (IOException)
        {
            return "n/a";
        }
        catch (UnauthorizedAccessException)
        {
            return "n/a";
        }
    }

    public static string Line(string when) =>
        string.Create(CultureInfo.InvariantCulture, $"load average (1 min) at {when}: {OneMinute()} on {Environment.ProcessorCount} cores");
}
