using System.Diagnostics;

namespace Greylane.Testing.Processes;

/// <summary>
/// How a test starts a program it will stop with Ctrl-C: as a terminal's foreground job has it, with SIGINT's default
/// action. A test host started as a background job (POSIX shells do that to CI's, and to <c>make test &amp;</c>) inherits
/// SIGINT ignored and would pass that on through fork and exec, so the Ctrl-C would never arrive.
/// <c>env --default-signal=INT</c> resets it and execs the program, which keeps env's process id.
/// </summary>
public static class ForegroundJob
{
    /// <summary>A start for <paramref name="fileName"/> with <paramref name="arguments"/>, its output redirected.</summary>
    public static ProcessStartInfo StartInfo(string fileName, IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo("env") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("--default-signal=INT");
        start.ArgumentList.Add(fileName);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
