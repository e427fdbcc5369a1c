using Greylane.Webhook.Controller.Leadership;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The hosted service: with leader election, only the replica holding the Lease runs the controller, every write is
/// fenced by the lease, and a replica that loses it (or stops renewing it in time) cancels all its work at once; without,
/// it always runs.
/// </summary>
internal sealed class ControllerService(
    RolloutController controller,
    LeaseElector elector,
    LeaderFence fence,
    ControllerMetrics metrics,
    ControllerOptions options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.LeaderElection)
        {
            fence.OpenForGood();
            metrics.Leading(true);
            await controller.RunAsync(stoppingToken);
            return;
        }

        await elector.RunAsync(controller.RunAsync, stoppingToken);
    }
}
