using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>POSIX signals to a child process: kill(2) on Linux, the <c>kill</c> command elsewhere (signal numbers differ).</summary>
internal static class Signals
{
    public static void Terminate(int pid) => Send(pid, 15, "TERM");

    public static void Stop(int pid) => Send(pid, 19, "STOP");

    public static void Continue(int pid) => Send(pid, 18, "CONT");

    private static void Send(int pid, int linuxNumber, string name)
    {
        if (OperatingSystem.IsLinux())
        {
            if (Kill(pid, linuxNumber) != 0)
            {
                throw new InvalidOperationException($"kill -{name} {pid} failed: errno {Marshal.GetLastPInvokeError()}");
            }

            return;
        }

        using var kill = Process.Start(new ProcessStartInfo("kill", ["-s", name, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);
}
