using k8s;
using k8s.LeaderElection;
using k8s.LeaderElection.ResourceLock;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The hosted service: with leader election, only the replica holding the Lease runs the controller, and a replica
/// that loses it cancels all its work at once (two leaders must never write); without, it always runs.
/// </summary>
internal sealed partial class ControllerService(
    IKubernetes kube,
    RolloutController controller,
    ControllerMetrics metrics,
    ControllerOptions options,
    TimeProvider time,
    ILogger<ControllerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.LeaderElection)
        {
            metrics.Leading(true);
            await controller.RunAsync(stoppingToken);
            return;
        }

        var config = new LeaderElectionConfig(new LeaseLock(kube, options.LeaseNamespace, options.LeaseName, options.Identity))
        {
            LeaseDuration = options.LeaseDuration,
            RenewDeadline = options.RenewDeadline,
            RetryPeriod = options.RetryPeriod,
        };
        while (!stoppingToken.IsCancellationRequested)
        {
            using var elector = new LeaderElector(config);
            using var leading = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            Task work = Task.CompletedTask;
            var led = false;
            var failed = false;
            elector.OnStartedLeading += () =>
            {
                LogLeading(logger, options.Identity, options.LeaseNamespace, options.LeaseName);
                metrics.Leading(true);
                led = true;
                work = Task.Run(() => controller.RunAsync(leading.Token), CancellationToken.None);
            };
            elector.OnStoppedLeading += () =>
            {
                metrics.Leading(false);
                leading.Cancel();
            };
            elector.OnError += e => LogElectionError(logger, e, options.LeaseNamespace, options.LeaseName);
            try
            {
                await elector.RunUntilLeadershipLostAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // The API server unreachable or refusing (say, the lease namespace missing) must not take admission down
                // with it: this replica keeps serving the webhook and campaigns again.
                LogElectionError(logger, e, options.LeaseNamespace, options.LeaseName);
                failed = true;
            }
            finally
            {
                await leading.CancelAsync();
                await work.ContinueWith(_ => { }, TaskScheduler.Default);
                metrics.Leading(false);
            }

            if (led && !stoppingToken.IsCancellationRequested)
            {
                LogLost(logger, options.Identity);
            }

            if (failed)
            {
                await Task.Delay(options.RetryPeriod, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Identity} leads (Lease {Namespace}/{Name})")]
    private static partial void LogLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Identity} lost the lease: all work cancelled; campaigning again")]
    private static partial void LogLost(ILogger logger, string identity);

    [LoggerMessage(Level = LogLevel.Warning, Message = "leader election on Lease {Namespace}/{Name} failed (does the namespace exist, and may Greylane's service account use leases there?); retrying")]
    private static partial void LogElectionError(ILogger logger, Exception exception, string @namespace, string name);
}
