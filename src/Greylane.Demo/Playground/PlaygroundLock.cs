using System.Globalization;

namespace Greylane.Demo.Playground;

/// <summary>
/// One playground per directory: an exclusive lock on <c>.sandbox/playground.lock</c> (released by the system when the
/// process ends, however it ends) and the holder's pid in <c>.sandbox/playground.pid</c> for the message to a second one.
/// </summary>
internal sealed class PlaygroundLock : IDisposable
{
    private readonly FileStream _lock;
    private readonly string _pidFile;

    private PlaygroundLock(FileStream held, string pidFile)
    {
        _lock = held;
        _pidFile = pidFile;
    }

    /// <summary>Takes the lock, or returns null and why: another playground of this directory runs.</summary>
    public static PlaygroundLock? TryTake(string directory, out string? refusal)
    {
        var pidFile = Path.Combine(directory, "playground.pid");
        try
        {
            // FileShare.None is an exclusive advisory lock (flock) on Linux and macOS.
            var held = new FileStream(Path.Combine(directory, "playground.lock"), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            File.WriteAllText(pidFile, Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            refusal = null;
            return new PlaygroundLock(held, pidFile);
        }
        catch (IOException)
        {
            var pid = File.Exists(pidFile) ? File.ReadAllText(pidFile).Trim() : "?";
            refusal = $"a playground is already running from {directory} (pid {pid}). Use it: source {Path.Combine(directory, "env")}; "
                + $"or stop it first: Ctrl-C in its terminal, or kill {pid}";
            return null;
        }
    }

    public void Dispose()
    {
        File.Delete(_pidFile);
        _lock.Dispose();
    }
}
