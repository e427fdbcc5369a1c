using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// What <c>/proc/&lt;pid&gt;</c> says about a process: resident memory now (VmRSS), its peak (VmHWM), CPU time used, and
/// how much of that CPU the runtime's tier-up threads used (<see cref="JitCpu"/>, see <see cref="TierUpThreads"/>).
/// </summary>
internal sealed record ProcessSample(long RssBytes, long PeakRssBytes, TimeSpan Cpu, TimeSpan JitCpu)
{
    // USER_HZ is 100 on every Linux the benchmark runs on; /proc/<pid>/stat counts utime and stime in it.
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid, TierUpThreads tierUp)
    {
        var (rss, hwm) = Memory(pid);
        return new ProcessSample(rss, hwm, CpuOf($"/proc/{pid}/stat"), tierUp.Cpu());
    }

    /// <summary>VmRSS and VmHWM alone: what the 100 ms peak sampler needs, without the CPU reads and the walk over the threads.</summary>
    public static (long RssBytes, long PeakRssBytes) Memory(int pid)
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

        return (rss, hwm);
    }

    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
    public static TimeSpan CpuOf(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
