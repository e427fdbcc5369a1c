using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// What <c>/proc/&lt;pid&gt;</c> says about a process: resident memory now (VmRSS), its peak (VmHWM), CPU time used, and
/// how much of that CPU the runtime's tier-up thread used (<see cref="JitCpu"/>).
/// </summary>
internal sealed record ProcessSample(long RssBytes, long PeakRssBytes, TimeSpan Cpu, TimeSpan JitCpu)
{
    // The thread that recompiles hot methods at a higher tier, as /proc shows its name (cut to 15 characters). Its CPU is
    // a cost of a fresh process, not of a release: a long-running controller paid it long ago.
    private const string TierUpThread = ".NET Tiered Com";

    // USER_HZ is 100 on every Linux the benchmark runs on; /proc/<pid>/stat counts utime and stime in it.
    private const double TicksPerSecond = 100;

    public static ProcessSample Read(int pid)
    {
        var (rss, hwm) = Memory(pid);
        return new ProcessSample(rss, hwm, CpuOf($"/proc/{pid}/stat"), JitThreadsCpu(pid));
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

    private static TimeSpan JitThreadsCpu(int pid)
    {
        var total = TimeSpan.Zero;
        foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
        {
            try
            {
                if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == TierUpThread)
                {
                    total += CpuOf(Path.Combine(task, "stat"));
                }
            }
            catch (IOException)
            {
                // The thread ended between the listing and the read: its CPU is no longer counted anywhere.
            }
        }

        return total;
    }

    // Fields after the command name, which is in parentheses and may hold spaces: utime and stime are fields 14 and 15.
    private static TimeSpan CpuOf(string statPath)
    {
        var stat = File.ReadAllText(statPath);
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var ticks = long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
        return TimeSpan.FromSeconds(ticks / TicksPerSecond);
    }

    private static long Kilobytes(string line) =>
        long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
}
