using System.Diagnostics;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Sandbox.Storage;

namespace Greylane.ControllerBenchmark;

/// <summary>
/// Watches the sandbox's store from inside (its subscribers are called synchronously at each commit), so every time
/// it records is the moment a change was committed, not when a poll noticed it. It counts available Deployments, keeps
/// every change of the released ones and the life of their canary ReplicaSets, and counts writes by resource.
/// </summary>
internal sealed class StoreRecorder : IDisposable
{
    private readonly Lock _gate = new();
    private readonly HashSet<string> _available = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<DeploymentSample>> _tracked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CanaryTimes> _canaries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _writes = new(StringComparer.Ordinal);
    private readonly IDisposable _subscription;

    public StoreRecorder(IObjectStore store) => _subscription = store.Subscribe(OnChange);

    public int Available
    {
        get
        {
            lock (_gate)
            {
                return _available.Count;
            }
        }
    }

    /// <summary>When a Lease was first written (ticks, 0: never): the moment a controller took the leadership.</summary>
    public long LeaseTaken { get; private set; }

    public void Track(IEnumerable<string> keys)
    {
        lock (_gate)
        {
            foreach (var key in keys)
            {
                _tracked[key] = [];
                _canaries.Remove(key);
            }
        }
    }

    public IReadOnlyList<DeploymentSample> Samples(string key)
    {
        lock (_gate)
        {
            return [.. _tracked[key]];
        }
    }

    public CanaryTimes? Canary(string key)
    {
        lock (_gate)
        {
            return _canaries.GetValueOrDefault(key);
        }
    }

    /// <summary>Committed changes by resource and type since the last call (e.g. <c>deployments MODIFIED</c>).</summary>
    public IReadOnlyDictionary<string, int> TakeWrites()
    {
        lock (_gate)
        {
            var writes = new Dictionary<string, int>(_writes, StringComparer.Ordinal);
            _writes.Clear();
            return writes;
        }
    }

    public void Dispose() => _subscription.Dispose();

    private void OnChange(StoreEvent change)
    {
        var now = Stopwatch.GetTimestamp();
        var meta = change.Object["metadata"] as JsonObject;
        var key = $"{meta?["namespace"]?.GetValue<string>()}/{meta?["name"]?.GetValue<string>()}";
        lock (_gate)
        {
            var kind = $"{change.Resource.Plural} {change.Type}";
            _writes[kind] = _writes.GetValueOrDefault(kind) + 1;
            if (change.Resource.Plural == "deployments")
            {
                OnDeployment(now, key, change);
            }
            else if (change.Resource.Plural == "leases" && LeaseTaken == 0)
            {
                LeaseTaken = now;
            }
            else if (change.Resource.Plural == "replicasets" && meta?["labels"]?[GreylaneKeys.Release] is not null)
            {
                OnCanary(now, change, meta);
            }
        }
    }

    private void OnDeployment(long now, string key, StoreEvent change)
    {
        var status = change.Object["status"];
        var available = Number(status?["availableReplicas"]);
        if (change.Type != "DELETED" && available >= 1)
        {
            _available.Add(key);
        }
        else
        {
            _available.Remove(key);
        }

        if (_tracked.TryGetValue(key, out var samples))
        {
            var annotations = change.Object["metadata"]?["annotations"];
            samples.Add(new DeploymentSample(
                now,
                annotations?[GreylaneKeys.Status]?.GetValue<string>(),
                annotations?[GreylaneKeys.Release]?.GetValue<string>(),
                change.Object["spec"]?["paused"]?.GetValue<bool>() == true,
                Number(change.Object["metadata"]?["generation"]),
                Number(status?["observedGeneration"]),
                Number(status?["updatedReplicas"]),
                available,
                Number(change.Object["spec"]?["replicas"])));
        }
    }

    private void OnCanary(long now, StoreEvent change, JsonObject meta)
    {
        var owner = (meta["ownerReferences"] as JsonArray)?.FirstOrDefault(o => o?["kind"]?.GetValue<string>() == "Deployment");
        if (owner is null)
        {
            return;
        }

        var key = $"{meta["namespace"]?.GetValue<string>()}/{owner["name"]?.GetValue<string>()}";
        if (!_canaries.TryGetValue(key, out var times))
        {
            _canaries[key] = times = new CanaryTimes();
        }

        if (change.Type == "ADDED" && times.Created == 0)
        {
            times.Created = now;
        }

        if (change.Type == "DELETED" || meta["deletionTimestamp"] is not null)
        {
            times.Deleted = times.Deleted == 0 ? now : times.Deleted;
        }
        else if (times.Ready == 0 && Number(change.Object["status"]?["availableReplicas"]) >= 1)
        {
            times.Ready = now;
        }
    }

    // Parsed numbers and numbers the sandbox's controllers set in code are held differently; both count.
    private static long Number(JsonNode? node) => node switch
    {
        JsonValue value when value.TryGetValue<long>(out var number) => number,
        JsonValue value when value.TryGetValue<int>(out var number) => number,
        JsonValue value when value.TryGetValue<double>(out var number) => (long)number,
        _ => 0,
    };
}
