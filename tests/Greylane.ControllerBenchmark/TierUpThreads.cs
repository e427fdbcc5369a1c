using System.Globalization;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// The CPU the runtime's tier-up threads have used in one process, counted over their lives. The runtime ends an idle
/// tier-up worker after a few seconds and starts a new one when there is work again, so summing the threads alive at
/// one moment would forget the ones that ended: this keeps the last figure seen for every thread it has met. CPU a
/// thread used after the last read before it ended is still missed, so read often when it matters (between waves).
/// </summary>
internal sealed class TierUpThreads(int pid)
{
    // The thread that recompiles hot methods at a higher tier, as /proc shows its name (cut to 15 characters). Its CPU is
    // a cost of a fresh process, not of a release: a long-running controller paid it long ago.
    private const string Name = ".NET Tiered Com";

    private readonly Dictionary<int, TimeSpan> _lastSeen = [];

    /// <summary>Reads the threads alive now and returns the CPU of every tier-up thread met so far.</summary>
    public TimeSpan Cpu()
    {
        lock (_lastSeen)
        {
            foreach (var task in Directory.EnumerateDirectories($"/proc/{pid}/task"))
            {
                try
                {
                    if (File.ReadAllText(Path.Combine(task, "comm")).TrimEnd('\n') == Name)
                    {
                        _lastSeen[int.Parse(Path.GetFileName(task), CultureInfo.InvariantCulture)] = ProcessSample.CpuOf(Path.Combine(task, "stat"));
                    }
                }
                catch (IOException)
                {
                    // The thread ended between the listing and the read: its last figure seen stays counted.
                }
            }

            return _lastSeen.Values.Aggregate(TimeSpan.Zero, (sum, cpu) => sum + cpu);
        }
    }
}
