using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using Xunit.Abstractions;

namespace Greylane.Benchmarks.Tests;

/// <summary>
/// <c>make bench</c> and <c>make bench-controller ARGS=--quick</c> run exactly as a user types them, so that the commands
/// the README and the scale notes give keep working. These check that each run ends well and prints its rows, never
/// a figure: speed is shown by the benchmarks' own printed ratios, not asserted on a shared, noisy machine. One at a
/// time (one class), each bounded.
/// </summary>
public sealed class BenchCommandTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Make_bench_measures_the_admission_endpoint_against_the_echo_and_prints_the_ratio()
    {
        var run = await MakeAsync("bench");

        Assert.Contains("Greylane webhook benchmark: release review of", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("In process, one thread:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("HTTPS on loopback (TLS, HTTP/1.1, keep-alive)", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"load average \(1 min\) at start: \d", run.Stdout);
        Assert.Matches(@"(?m)^ratio webhook/echo: time per request \d+\.\d+x, p99 \d+\.\d+x", run.Stdout);
    }

    [Fact]
    public async Task Make_bench_controller_quick_releases_every_deployment_of_both_scales_and_prints_every_row()
    {
        var run = await MakeAsync("bench-controller", "ARGS=--quick");

        Assert.Matches(@"(?m)^\s+baseline 100/\d+\s+large 1000/10\s+ratio", run.Stdout);
        foreach (var row in new[]
        {
            "RSS idle after sync (VmRSS), MiB", "update committed -> canary RS created", "canary available -> next phase written",
            "Greylane CPU ms per release", "  of which the JIT's tier-up thread", "2nd wave: Greylane CPU ms per release",
            "tier-up CPU from the 1st wave to the 6th wave, ms", "6th wave: Greylane CPU ms per release", "6th wave:   of which the JIT's tier-up thread",
            "load average (1 min) at start -> end",
        })
        {
            Assert.Contains(row, run.Stdout, StringComparison.Ordinal);
        }

        // Every release of the waves read completed: the rows carry a time in seconds, not "k/n done".
        Assert.Matches(@"(?m)^all releases completed, s\s+\d+\.\d\s+\d+\.\d", run.Stdout);
        Assert.Matches(@"(?m)^2nd wave: all releases completed, s\s+\d+\.\d\s+\d+\.\d", run.Stdout);
        Assert.Matches(@"(?m)^6th wave: all releases completed, s\s+\d+\.\d\s+\d+\.\d", run.Stdout);
        Assert.Matches(@"(?m)^reconcile errors \(total\)\s+0\s+0\b", run.Stdout);
        // Greylane runs as its ServiceAccount, whose own writes the webhook's matchConditions leave out: the person's
        // update is reviewed (again when the sandbox retries it after a conflict), Greylane's three or four writes are not.
        Assert.Matches(@"(?m)^admission reviews per release\s+1\.\d\s+1\.\d\b", run.Stdout);
    }

    private async Task<ProcessResult> MakeAsync(params string[] arguments)
    {
        var run = await ProcessRunner.RunAsync("make", ["-C", RepositoryRoot.Path, "--no-print-directory", .. arguments], TimeSpan.FromMinutes(5));
        output.WriteLine(run.ToString());
        Assert.True(run.ExitCode == 0, run.ToString());
        return run;
    }
}
