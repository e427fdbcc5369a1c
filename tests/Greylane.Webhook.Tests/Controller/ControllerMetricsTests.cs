using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Hosting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ControllerMetricsTests
{
    [Fact]
    public async Task A_promoted_release_shows_in_the_controllers_metrics()
    {
        await using var bed = await ControllerBed.StartAsync();
        var replica = await bed.StartControllerAsync();
        await bed.DeployAsync("web", ThreeSteps);
        await bed.SetImageAsync("web", "app", "web:v2");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted");

        var exposition = await MetricsPage.ReadAsync(replica.Services);

        Assert.Contains("greylane_rollout_phase{namespace=\"shop\",deployment=\"web\",phase=\"Completed\"} 1", exposition, StringComparison.Ordinal);
        Assert.DoesNotContain("phase=\"StepPaused\"", exposition, StringComparison.Ordinal);
        Assert.Contains("greylane_rollout_step{namespace=\"shop\",deployment=\"web\"} 0", exposition, StringComparison.Ordinal);
        Assert.Contains("greylane_rollouts_total{outcome=\"promoted\"} 1", exposition, StringComparison.Ordinal);
        Assert.Contains("greylane_controller_leader 1", exposition, StringComparison.Ordinal);
        Assert.Matches("greylane_reconcile_duration_seconds_count [1-9]", exposition);
        Assert.Contains("greylane_queue_depth", exposition, StringComparison.Ordinal);
        Assert.Contains("greylane_reconcile_errors_total", exposition, StringComparison.Ordinal);
    }
}
