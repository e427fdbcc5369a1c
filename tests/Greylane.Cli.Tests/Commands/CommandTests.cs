using Greylane.Cli.Support.Tests;
using Greylane.Core;
using Greylane.Core.Rollout;

namespace Greylane.Cli.Commands.Tests;

/// <summary>The command verbs against a sandbox with no controller: what the CLI refuses, and a command nobody acts on.</summary>
public sealed class CommandTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task A_command_the_controller_does_not_act_on_times_out_with_how_to_check_it_runs()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);

        var run = await _sandbox.RunAsync("promote", "checkout", "-n", CliSandbox.Namespace, "--timeout", "1s");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("the controller has not acted on `promote` for shop/checkout within 1s", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("kubectl get pods -n greylane-system -l app.kubernetes.io/name=greylane", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("promote", (await _sandbox.ReadAsync("checkout")).Metadata.Annotations[GreylaneKeys.Command]);
    }

    [Fact]
    public async Task A_command_for_a_missing_deployment_says_it_was_not_found()
    {
        var run = await _sandbox.RunAsync("abort", "nope", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith("error: Deployment shop/nope not found", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_for_a_deployment_not_opted_in_says_how_to_opt_in()
    {
        await _sandbox.DeployAsync("legacy", optedIn: false);

        var run = await _sandbox.RunAsync("promote", "legacy", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: Deployment shop/legacy is not opted in to Greylane (annotation greylane.dev/enabled is not \"true\"); opt it in with: kubectl annotate deployment legacy -n shop greylane.dev/enabled=true\n",
            run.Stderr);
        Assert.False((await _sandbox.ReadAsync("legacy")).Metadata.Annotations?.ContainsKey(GreylaneKeys.Command) ?? false);
    }

    [Theory]
    [InlineData("promote", "Completed")]
    [InlineData("abort", "Idle")]
    [InlineData("pause", "RolledBack")]
    [InlineData("resume", "Completed")]
    public async Task Promote_abort_pause_and_resume_need_a_release_in_progress_and_say_the_phase(string verb, string phase)
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.In(Enum.Parse<RolloutPhase>(phase)));

        var run = await _sandbox.RunAsync(verb, "checkout", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: no release is in progress for shop/checkout: it is in phase {phase}, so there is nothing to {verb}", run.Stderr, StringComparison.Ordinal);
        Assert.False((await _sandbox.ReadAsync("checkout")).Metadata.Annotations.ContainsKey(GreylaneKeys.Command));
    }

    [Fact]
    public async Task A_deployment_without_any_status_has_no_release_to_promote()
    {
        await _sandbox.DeployAsync("cart");

        var run = await _sandbox.RunAsync("promote", "cart", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("it is in phase Idle, so there is nothing to promote; a release starts when the pod template changes", run.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("StepPaused")]
    [InlineData("Completed")]
    public async Task Retry_applies_only_to_a_rolled_back_release(string phase)
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.In(Enum.Parse<RolloutPhase>(phase)));

        var run = await _sandbox.RunAsync("retry", "checkout", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: retry applies only to a release that was rolled back; shop/checkout is in phase {phase}", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_still_waiting_for_the_controller_is_not_overwritten()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);
        await _sandbox.RunAsync("pause", "checkout", "-n", CliSandbox.Namespace, "--timeout", "1ms");

        var run = await _sandbox.RunAsync("abort", "checkout", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("command `pause` is still waiting for the controller on shop/checkout", run.Stderr, StringComparison.Ordinal);
        Assert.Equal("pause", (await _sandbox.ReadAsync("checkout")).Metadata.Annotations[GreylaneKeys.Command]);
    }

    [Theory]
    [InlineData(new[] { "promote" }, "promote needs exactly one Deployment name")]
    [InlineData(new[] { "abort", "a", "b" }, "abort needs exactly one Deployment name")]
    [InlineData(new[] { "abort", "a", "--full" }, "--full applies only to promote")]
    [InlineData(new[] { "pause", "a", "--timeout", "soon" }, "--timeout soon is not a duration")]
    public async Task Bad_command_arguments_are_refused_with_the_fix(string[] args, string error)
    {
        var run = await _sandbox.RunAsync(args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
    }
}
