using System.Net;
using Greylane.Core.Leadership;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Webhook.Controller.Leadership;

/// <summary>
/// Leader election on a coordination.k8s.io Lease, compatible with client-go's: campaign every retry period, renew every
/// retry period while leading, give up when renewals stop succeeding. Unlike a plain elector it fences every write
/// (<see cref="LeaderFence"/>) and hands the lease over on a graceful stop, so a successor starts within a retry period
/// instead of a lease duration.
/// </summary>
internal sealed partial class LeaseElector(IKubernetes kube, ControllerOptions options, LeaderFence fence, ControllerMetrics metrics, TimeProvider time, ILogger<LeaseElector> logger)
{
    private static readonly TimeSpan ReleaseTimeout = TimeSpan.FromSeconds(3);

    private string? _observedVersion;
    private long _observedAt;
    private string? _lostTo;

    private TimeSpan WritableFor => LeaseRules.WritableFor(options.LeaseDuration, options.RenewDeadline);

    /// <summary>Runs <paramref name="lead"/> whenever this replica holds the lease, until <paramref name="stopping"/>.</summary>
    public async Task RunAsync(Func<CancellationToken, Task> lead, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            var attempt = time.GetTimestamp();
            if (await TryHoldAsync(stopping).ConfigureAwait(false))
            {
                await LeadAsync(attempt, lead, stopping).ConfigureAwait(false);
            }
            else
            {
                await PauseAsync(options.RetryPeriod, stopping).ConfigureAwait(false);
            }
        }
    }

    private async Task LeadAsync(long acquired, Func<CancellationToken, Task> lead, CancellationToken stopping)
    {
        using var leading = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        fence.Open(acquired, WritableFor, leading);
        metrics.Leading(true);
        LogLeading(options.Identity, options.LeaseNamespace, options.LeaseName);
        var work = Task.Run(() => lead(leading.Token), CancellationToken.None);
        try
        {
            while (!leading.IsCancellationRequested && !work.IsCompleted)
            {
                await PauseAsync(options.RetryPeriod, leading.Token).ConfigureAwait(false);
                if (leading.IsCancellationRequested)
                {
                    break;
                }

                var attempt = time.GetTimestamp();
                using var bounded = new CancellationTokenSource(Max(fence.Remaining(), TimeSpan.FromMilliseconds(1)), time);
                using var renewal = CancellationTokenSource.CreateLinkedTokenSource(leading.Token, bounded.Token);
                if (await TryHoldAsync(renewal.Token).ConfigureAwait(false))
                {
                    fence.Extend(attempt, WritableFor);
                }
                else if (_lostTo is { } other)
                {
                    LogTaken(options.Identity, other);
                    break;
                }
            }
        }
        finally
        {
            // Work stops before the lease is handed over: no write of this replica may follow a successor's.
            fence.Close();
            await work.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            metrics.Leading(false);
            if (stopping.IsCancellationRequested)
            {
                await ReleaseAsync().ConfigureAwait(false);
            }
            else
            {
                LogLost(options.Identity);
            }
        }
    }

    /// <summary>Takes or renews the lease; false when another replica holds it or the attempt failed (logged).</summary>
    private async Task<bool> TryHoldAsync(CancellationToken cancellationToken)
    {
        _lostTo = null;
        try
        {
            var lease = await ReadAsync(cancellationToken).ConfigureAwait(false);
            var now = time.GetUtcNow().UtcDateTime;
            if (lease is null)
            {
                await kube.CoordinationV1.CreateNamespacedLeaseAsync(
                    new V1Lease
                    {
                        Metadata = new V1ObjectMeta { Name = options.LeaseName, NamespaceProperty = options.LeaseNamespace },
                        Spec = new V1LeaseSpec { HolderIdentity = options.Identity, LeaseDurationSeconds = Seconds(options.LeaseDuration), AcquireTime = now, RenewTime = now, LeaseTransitions = 0 },
                    },
                    options.LeaseNamespace,
                    cancellationToken: cancellationToken).ConfigureAwait(false);
                return true;
            }

            if (lease.Metadata.ResourceVersion != _observedVersion)
            {
                _observedVersion = lease.Metadata.ResourceVersion;
                _observedAt = time.GetTimestamp();
            }

            var spec = lease.Spec ??= new V1LeaseSpec();
            var duration = spec.LeaseDurationSeconds is { } seconds && seconds > 0 ? TimeSpan.FromSeconds(seconds) : options.LeaseDuration;
            if (!LeaseRules.MayTake(spec.HolderIdentity, options.Identity, duration, time.GetElapsedTime(_observedAt)))
            {
                _lostTo = spec.HolderIdentity;
                return false;
            }

            if (spec.HolderIdentity != options.Identity)
            {
                spec.AcquireTime = now;
                spec.LeaseTransitions = (spec.LeaseTransitions ?? 0) + 1;
            }

            spec.HolderIdentity = options.Identity;
            spec.LeaseDurationSeconds = Seconds(options.LeaseDuration);
            spec.RenewTime = now;
            var written = await kube.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
            _observedVersion = written.Metadata.ResourceVersion;
            _observedAt = time.GetTimestamp();
            return true;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            // Another replica wrote the lease since it was read: it is theirs this round.
            return false;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (Exception e)
        {
            // The API server unreachable or refusing (say, the lease namespace missing) must not take admission down
            // with it: this replica keeps serving the webhook and campaigns again.
            LogElectionError(e, options.LeaseNamespace, options.LeaseName);
            return false;
        }
    }

    /// <summary>On a graceful stop: the lease, still ours, is marked free so that a successor takes it at its next attempt.</summary>
    private async Task ReleaseAsync()
    {
        using var timeout = new CancellationTokenSource(ReleaseTimeout, time);
        try
        {
            var lease = await ReadAsync(timeout.Token).ConfigureAwait(false);
            if (lease?.Spec?.HolderIdentity != options.Identity)
            {
                return;
            }

            var now = time.GetUtcNow().UtcDateTime;
            lease.Spec.HolderIdentity = null;
            lease.Spec.LeaseDurationSeconds = 1;
            lease.Spec.RenewTime = now;
            lease.Spec.AcquireTime = now;
            await kube.CoordinationV1.ReplaceNamespacedLeaseAsync(lease, options.LeaseName, options.LeaseNamespace, cancellationToken: timeout.Token).ConfigureAwait(false);
            LogReleased(options.Identity, options.LeaseNamespace, options.LeaseName);
        }
        catch (Exception e) when (e is HttpOperationException or OperationCanceledException or HttpRequestException)
        {
            // Not handed over: the successor waits out the lease duration instead.
            LogReleaseFailed(e, options.LeaseNamespace, options.LeaseName);
        }
    }

    private async Task<V1Lease?> ReadAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await kube.CoordinationV1.ReadNamespacedLeaseAsync(options.LeaseName, options.LeaseNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task PauseAsync(TimeSpan delay, CancellationToken cancellationToken) =>
        await Task.Delay(delay, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);

    private static int Seconds(TimeSpan span) => Math.Max(1, (int)Math.Ceiling(span.TotalSeconds));

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
