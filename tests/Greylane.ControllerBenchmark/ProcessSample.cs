using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>What <c>/proc/&lt;pid&gt;</c> says about a process: resident memory now (VmRSS), its peak (VmHWM), CPU time used.</summary>
internal sealed record ProcessSample(long RssBytes, long PeakRssBytes, TimeSpan Cpu)
{
    // USER_HZ is 100 on every Linux the benchmark runs on; /proc/<pid>/stat counts utime and stime in it.
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        long rss = 0, hwm = 0;
        foreach (var line in File.ReadLines($"/proc/{pid}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                rss = Kilobytes(line) * 1024;
            }
            else if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            {
                hwm = Kilobytes(line) * 1024;
            }
        }

        // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return new ProcessSample(rss, hwm, TimeSpan.FromSeconds(ticks / TicksPerSecond));
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
