using System.Text.Json.Nodes;
using Greylane.Cli.RealController.Tests;
using Greylane.Cli.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using ControllerBed = Greylane.Testing.Hosts.ControllerBed;

namespace Greylane.Cli.Kubectl.Tests;

/// <summary>The CLI run as <c>kubectl greylane …</c> by the real kubectl binary.</summary>
public sealed class KubectlPluginTests : IAsyncLifetime
{
    private readonly PluginShim _shim = new();
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync()
    {
        await _sandbox.DisposeAsync();
        _shim.Dispose();
    }

    [KubectlFact]
    public async Task Kubectl_lists_the_plugin_it_finds_on_PATH()
    {

        var (code, stdout, stderr) = await _shim.KubectlAsync(_sandbox.KubeconfigPath, "plugin", "list", "--name-only");

        Assert.True(code == 0, stderr);
        Assert.Contains("kubectl-greylane", stdout, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_greylane_status_runs_the_cli_against_the_cluster_of_the_kubeconfig()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing);

        var text = await _shim.KubectlAsync(_sandbox.KubeconfigPath, "greylane", "status", "checkout", "-n", CliSandbox.Namespace);
        var json = await _shim.KubectlAsync(_sandbox.KubeconfigPath, "greylane", "status", "-n", CliSandbox.Namespace, "-o", "json");

        Assert.True(text.ExitCode == 0, text.Stderr);
        Assert.Contains("Phase:      StepAnalyzing", text.Stdout, StringComparison.Ordinal);
        Assert.Equal("checkout", (string?)JsonNode.Parse(json.Stdout)!["items"]![0]!["deployment"]);
    }

    [KubectlFact]
    public async Task Kubectl_greylane_promote_round_trips_through_the_real_controller()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync(leaderElection: false);
        await bed.DeployAsync("checkout", InProcessControllerFixture.TwoManualSteps);
        await bed.ReleaseToPauseAsync("checkout");

        var (code, stdout, stderr) = await _shim.KubectlAsync(bed.KubeconfigPath, "greylane", "promote", "checkout", "-n", ControllerBed.Namespace);

        Assert.True(code == 0, stderr);
        Assert.StartsWith("promote: the controller acted on shop/checkout: StepPaused (step 1) -> StepPaused (step 2)\n", stdout, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_passes_the_plugin_exit_code_and_error_through()
    {

        var (code, _, stderr) = await _shim.KubectlAsync(_sandbox.KubeconfigPath, "greylane", "abort", "nope", "-n", CliSandbox.Namespace);

        Assert.Equal(1, code);
        Assert.Contains("error: Deployment shop/nope not found", stderr, StringComparison.Ordinal);
    }

    [KubectlFact]
    public async Task Kubectl_greylane_plan_needs_no_cluster()
    {

        var (code, stdout, stderr) = await _shim.KubectlAsync("/nonexistent", "greylane", "plan", "-f", RepositoryRoot.Combine("manifests", "samples", "seed"));

        Assert.True(code == 0, stderr);
        Assert.Contains("Deployment e2e/mocka-base", stdout, StringComparison.Ordinal);
    }
}
