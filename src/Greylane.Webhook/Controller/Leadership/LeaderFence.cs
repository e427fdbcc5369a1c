namespace Greylane.Webhook.Controller.Leadership;

/// <summary>
/// Only the leader writes, even after a pause: every write of the controller first asks the fence, which is open only
/// while the lease is held and its last renewal is recent by this process's monotonic clock (a process frozen past its
/// lease — a GC pause, a stalled node — finds it closed the moment it resumes). When it closes, the leader's work is
/// cancelled at once, not only when a renewal fails. Without leader election it is always open.
/// </summary>
internal sealed class LeaderFence(TimeProvider time)
{
    private readonly Lock _gate = new();
    private bool _always;
    private long _openUntil;
    private CancellationTokenSource? _work;
    private ITimer? _timer;

    /// <summary>Opens the fence for good: a single replica without leader election.</summary>
    public void OpenForGood()
    {
        lock (_gate)
        {
            _always = true;
        }
    }

    /// <summary>Opens the fence until <paramref name="openFor"/> after <paramref name="renewStarted"/>; closing it cancels <paramref name="work"/>.</summary>
    public void Open(long renewStarted, TimeSpan openFor, CancellationTokenSource work)
    {
        lock (_gate)
        {
            _work = work;
            _timer ??= time.CreateTimer(_ => CloseIfDue(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
            Extend(renewStarted, openFor);
        }
    }

    /// <summary>A renewal that started at <paramref name="renewStarted"/> succeeded.</summary>
    public void Extend(long renewStarted, TimeSpan openFor)
    {
        lock (_gate)
        {
            var until = renewStarted + (long)(openFor.TotalSeconds * time.TimestampFrequency);
            _openUntil = Math.Max(_openUntil, until);
            _timer?.Change(Left(), Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>Closes the fence and cancels the leader's work (lease lost, given up, or shutdown).</summary>
    public void Close()
    {
        CancellationTokenSource? work;
        lock (_gate)
        {
            _openUntil = 0;
            work = _work;
            _work = null;
            _timer?.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        Cancel(work);
    }

    /// <summary>How long the fence stays open without another renewal (zero when closed).</summary>
    public TimeSpan Remaining()
    {
        lock (_gate)
        {
            return Left();
        }
    }

    /// <summary>Throws (after cancelling the leader's work) unless this replica may write now. Call it right before every write.</summary>
    public void EnsureOpen(string write)
    {
        bool open;
        lock (_gate)
        {
            open = _always || (_work is not null && time.GetTimestamp() < _openUntil);
        }

        if (!open)
        {
            Close();
            throw new OperationCanceledException($"not written ({write}): this replica no longer holds a fresh lease, so another may lead");
        }
    }

    private void CloseIfDue()
    {
        lock (_gate)
        {
            if (_work is null || time.GetTimestamp() < _openUntil)
            {
                _timer?.Change(_work is null ? Timeout.InfiniteTimeSpan : Left(), Timeout.InfiniteTimeSpan);
                return;
            }
        }

        Close();
    }

    private TimeSpan Left()
    {
        var left = _openUntil - time.GetTimestamp();
        return left <= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds((double)left / time.TimestampFrequency);
    }

    private static void Cancel(CancellationTokenSource? work)
    {
        try
        {
            work?.Cancel();
        }
        catch (ObjectDisposedException)
        {
        }
    }
}
