using Greylane.Cli.RealController.Tests;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;

namespace Greylane.Cli.Commands.Tests;

/// <summary>The command verbs answered by Greylane's real controller, run in-process (see <see cref="InProcessControllerFixture"/>).</summary>
public sealed class ControllerCommandTests(InProcessControllerFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<InProcessControllerFixture>
{
    private ControllerBed Bed => fixture.Bed;

    [Theory]
    [InlineData("promote", "StepPaused (step 1) -> StepPaused (step 2)", "step 2/2: analysis passed (no metrics); paused until promote")]
    [InlineData("abort", "StepPaused (step 1) -> Aborting", "step 1/2: aborted by command: rolling back")]
    [InlineData("pause", "phase still StepPaused (step 1) (paused by user)", "step 1/2: paused by command; resume to continue")]
    [InlineData("retry", "RolledBack -> StepScaling (step 1)", "step 1/2: scaling the canary to 1 pod(s)")]
    public async Task A_command_is_sent_and_what_the_controller_did_is_reported(string verb, string report, string message)
    {
        var name = $"checkout-{verb}";
        await fixture.ReleaseAsync(name);
        if (verb == "retry")
        {
            await Bed.CommandAsync(name, "abort");
            await Eventually.UntilAsync(() => Bed.GetAsync(name), d => Releases.Phase(d) == RolloutPhase.RolledBack, $"{name} rolled back");
        }

        var run = await fixture.RunAsync(verb, name, "-n", ControllerBed.Namespace);
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal($"{verb}: the controller acted on shop/{name}: {report}\nmessage: {message}\n", run.Stdout);
        var after = Releases.Status(await Bed.GetAsync(name));
        Assert.Null(Releases.Annotation(await Bed.GetAsync(name), GreylaneKeys.Command));
        if (verb == "pause")
        {
            Assert.True(after.PausedByUser);
        }
        else
        {
            Assert.Contains(after.History, h => h.Trigger == Enum.Parse<RolloutTrigger>(verb, ignoreCase: true));
        }
    }

    [Fact]
    public async Task Promote_full_sends_promote_full()
    {
        await fixture.ReleaseAsync("checkout-full");

        var run = await fixture.RunAsync("promote", "checkout-full", "--full", "-n", ControllerBed.Namespace);
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("promote-full: the controller acted on shop/checkout-full: StepPaused (step 1) -> Promoting\nmessage: step 1/2: fully promoted by command: promoting\n", run.Stdout);
        Assert.Contains(Releases.Status(await Bed.GetAsync("checkout-full")).History, h => h.Trigger == RolloutTrigger.PromoteFull);
    }

    [Fact]
    public async Task Resume_lifts_a_pause_a_person_asked_for()
    {
        await fixture.ReleaseAsync("checkout-resume");
        await Bed.CommandAsync("checkout-resume", "pause");
        await Eventually.UntilAsync(() => Bed.GetAsync("checkout-resume"), d => Releases.Status(d).PausedByUser && Releases.Annotation(d, GreylaneKeys.Command) is null, "paused by a person");

        var run = await fixture.RunAsync("resume", "checkout-resume", "-n", ControllerBed.Namespace);
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Equal("resume: the controller acted on shop/checkout-resume: phase still StepPaused (step 1)\nmessage: step 1/2: resumed by command\n", run.Stdout);
        Assert.False(Releases.Status(await Bed.GetAsync("checkout-resume")).PausedByUser);
    }
}
