using System.Collections.Concurrent;
using Greylane.Core.Rollout;

namespace Greylane.Webhook.Controller;

/// <summary>
/// Measurements taken for a Deployment and not yet counted into its status. Losing them (a restart) costs only a
/// re-measurement: the status says when each metric is next due.
/// </summary>
internal sealed class MeasurementInbox
{
    private readonly ConcurrentDictionary<string, IReadOnlyList<Measurement>> _pending = new(StringComparer.Ordinal);

    public IReadOnlyList<Measurement> Peek(string key) => _pending.GetValueOrDefault(key) ?? [];

    public void Add(string key, IReadOnlyList<Measurement> measurements) =>
        _pending.AddOrUpdate(key, measurements, (_, existing) => [.. existing, .. measurements]);

    /// <summary>The measurements in <paramref name="counted"/> are in the persisted status now.</summary>
    public void Remove(string key, IReadOnlyList<Measurement> counted)
    {
        if (counted.Count == 0)
        {
            return;
        }

        _pending.AddOrUpdate(key, [], (_, existing) => [.. existing.Where(m => !counted.Contains(m))]);
        if (_pending.TryGetValue(key, out var left) && left.Count == 0)
        {
            _pending.TryRemove(KeyValuePair.Create(key, left));
        }
    }

    public void Forget(string key) => _pending.TryRemove(key, out _);
}
