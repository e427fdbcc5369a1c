using System.ComponentModel;
using System.Diagnostics;

namespace Greylane.Cli.Dashboard;

/// <summary>Opens the page in the user's browser the way the desktop does; failing to is only a message.</summary>
internal static class BrowserLauncher
{
    /// <summary>Null when the opener accepted the address, else why not.</summary>
    public static async Task<string?> TryOpenAsync(Uri url, CancellationToken ct)
    {
        var (file, args) = OperatingSystem.IsMacOS() ? ("open", url.ToString())
            : OperatingSystem.IsWindows() ? ("rundll32", "url.dll,FileProtocolHandler " + url)
            : ("xdg-open", url.ToString());
        try
        {
            using var process = Process.Start(new ProcessStartInfo(file, args) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true });
            if (process is null)
            {
                return $"{file} did not start";
            }

            // xdg-open returns once the browser is launched (or it found none); a browser that stays in front is not waited for.
            var stderr = process.StandardError.ReadToEndAsync(ct);
            _ = process.StandardOutput.ReadToEndAsync(ct);
            using var bound = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bound.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await process.WaitForExitAsync(bound.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return null;
            }

            return process.ExitCode == 0 ? null : $"{file} exited with {process.ExitCode}: {(await stderr).Trim()}";
        }
        catch (Win32Exception e)
        {
            return $"{file} could not be run ({e.Message})";
        }
    }
}
