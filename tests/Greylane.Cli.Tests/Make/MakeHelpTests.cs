using System.Diagnostics;
using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Make.Tests;

public sealed class MakeHelpTests
{
    [Fact]
    public async Task Make_help_lists_the_targets_as_a_shell_user_reads_them()
    {
        var start = new ProcessStartInfo("make", ["--no-print-directory", "help"])
        {
            WorkingDirectory = RepositoryRoot.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, stderr);
        Assert.Contains("run\trun Greylane: against $KUBECONFIG when set", stdout, StringComparison.Ordinal);
        Assert.Contains("plugin\tthe kubectl plugin as one executable file: artifacts/plugin/kubectl-greylane", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("$$", stdout, StringComparison.Ordinal);
    }
}
