using System.ComponentModel;
using System.Diagnostics;

namespace Greylane.Webhook.Tests.Manifests;

/// <summary>Runs a tool to completion within a bound and returns its standard output, or throws with its standard error.</summary>
internal static class ProcessRunner
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);

    public static string Run(string fileName, string installHint, string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException($"{fileName} did not start");
        }
        catch (Win32Exception e)
        {
            throw new InvalidOperationException($"{fileName} could not be started ({e.Message}); {installHint}", e);
        }

        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Bound))
            {
                process.Kill(entireProcessTree: true);
                throw new TimeoutException($"{fileName} {string.Join(' ', arguments)} did not finish within {Bound.TotalSeconds}s");
            }

            process.WaitForExit();
            return process.ExitCode == 0
                ? output.Result
                : throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} exited {process.ExitCode}: {error.Result}");
        }
    }
}
