using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.Sandbox.Storage;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// Watches one release from inside the sandbox's store: every committed change of the Deployment, its canary
/// ReplicaSets, the VirtualService, the DestinationRule and the controller Lease, in resourceVersion order, so each
/// observation is one consistent state (no sampling races). Checks the invariants on every change and every 100 ms
/// (the time-based windows): routing matches the status, at most one canary alive, and no stall.
/// </summary>
internal sealed partial class ReleaseObserver : IAsyncDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(100);

    private readonly ObservedRelease _names;
    private readonly ReleasePlan _plan;
    private readonly Timeline _timeline;
    private readonly Findings _findings;
    private readonly Channel<(StoreEvent Event, TimeSpan At)> _changes = Channel.CreateUnbounded<(StoreEvent, TimeSpan)>();
    private readonly CancellationTokenSource _stop = new();
    private readonly IDisposable _subscription;
    private readonly Task _consumer;
    private readonly Task _ticker;
    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _canaries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _reported = new(StringComparer.Ordinal);
    private JsonObject? _deployment;
    private JsonObject? _virtualService;
    private JsonObject? _destinationRule;
    private string? _leaseHolder;
    private StatusWrite _status = StatusWrite.Idle;
    private TimeSpan _statusSince;
    private TimeSpan _progressAt;
    private RoutingView _routing = RoutingView.Read(null, null);

    public ReleaseObserver(IObjectStore store, ObservedRelease names, ReleasePlan plan, Timeline timeline, Findings findings)
    {
        _names = names;
        _plan = plan;
        _timeline = timeline;
        _findings = findings;
        _subscription = store.Subscribe(OnChange);
        _consumer = Task.Run(ConsumeAsync);
        _ticker = Task.Run(TickAsync);
    }

    /// <summary>
    /// How long a release in progress may keep one phase and step (outside a manual pause) before it counts as stalled,
    /// counted from the later of the last phase change, the last controller start and the last lease hand-over.
    /// </summary>
    public static TimeSpan StallBound { get; } = TimeSpan.FromSeconds(12);

    /// <summary>Called (once per stall) after a stall is recorded, to nudge the release so that the scenario can go on.</summary>
    public Func<Task>? OnStall { get; set; }

    /// <summary>When the Lease changed hands (scenario time, new holder).</summary>
    public List<(TimeSpan At, string Holder)> LeaseChanges { get; } = [];

    /// <summary>
    /// A controller process is up (listening): the no-stall clock starts again, since how long <c>dotnet</c> takes to
    /// start on a loaded machine is not the controller's doing.
    /// </summary>
    public void ControllerReady()
    {
        lock (_gate)
        {
            _progressAt = _timeline.Now;
        }
    }

    public Snapshot Current
    {
        get
        {
            lock (_gate)
            {
                return new Snapshot(_status, _statusSince, _routing, [.. _canaries.Keys], _deployment, _virtualService, _destinationRule, _leaseHolder);
            }
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds for the current state; throws <see cref="TimeoutException"/> naming what was last seen.</summary>
    public async Task<Snapshot> WaitAsync(Func<Snapshot, bool> condition, string what, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = _timeline.Now + timeout;
        while (true)
        {
            var current = Current;
            if (condition(current))
            {
                return current;
            }

            if (_timeline.Now > deadline)
            {
                throw new TimeoutException($"waited {timeout.TotalSeconds:0}s for {what}; last seen: {current}");
            }

            await Task.Delay(50, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _subscription.Dispose();
        _changes.Writer.TryComplete();
        await _stop.CancelAsync();
        await Task.WhenAll(_consumer, _ticker).ContinueWith(_ => { }, TaskScheduler.Default);
        _stop.Dispose();
    }

    // Runs inside the store's commit, under its lock: only filter and queue.
    private void OnChange(StoreEvent change)
    {
        var ns = change.Object["metadata"]?["namespace"]?.GetValue<string>();
        var relevant = change.Resource.Plural switch
        {
            "deployments" or "virtualservices" or "destinationrules" => ns == _names.Namespace,
            "replicasets" => ns == _names.Namespace && change.Object["metadata"]?["labels"]?["greylane.dev/release"] is not null,
            "leases" => ns == _names.LeaseNamespace,
            _ => false,
        };
        if (relevant)
        {
            _changes.Writer.TryWrite((change, _timeline.Now));
        }
    }

    private async Task ConsumeAsync()
    {
        try
        {
            await foreach (var (change, at) in _changes.Reader.ReadAllAsync(_stop.Token))
            {
                lock (_gate)
                {
                    Apply(change, at);
                    Check(at);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task TickAsync()
    {
        using var timer = new PeriodicTimer(Tick);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                Func<Task>? nudge = null;
                lock (_gate)
                {
                    var now = _timeline.Now;
                    if (_changes.Reader.Count == 0)
                    {
                        // Only a state with no change still queued is the current one.
                        Check(now);
                    }

                    if (!_status.AtRest && !_plan.WaitsForPerson(_status) && now - _progressAt > StallBound)
                    {
                        _findings.Add("stall", $"status {_status} (stored at {Timeline.Stamp(_statusSince)}) did not move for {(now - _progressAt).TotalSeconds:0.0}s after the last phase change, controller start or lease hand-over; routing {_routing}, canaries [{string.Join(", ", _canaries.Keys)}]; nudging the Deployment so the scenario goes on");
                        _progressAt = now;
                        nudge = OnStall;
                    }
                }

                if (nudge is not null)
                {
                    _ = Task.Run(nudge);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
