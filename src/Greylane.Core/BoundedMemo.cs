using System.Collections.Concurrent;

namespace Greylane.Core;

/// <summary>
/// Remembers the results of a pure function of its key, for the few inputs that arrive again and again (the strategy
/// texts every write and every reconcile of a Deployment carry). Bounded: when full it starts over, which only costs
/// computing again; concurrent callers may compute the same key twice, which only costs the same.
/// </summary>
internal sealed class BoundedMemo<TKey, TValue>(int capacity) where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _values = new();

    /// <summary>The value of <paramref name="key"/>, computed by <paramref name="compute"/> (from the key and <paramref name="argument"/>) once.</summary>
    public TValue Get<TArgument>(TKey key, Func<TKey, TArgument, TValue> compute, TArgument argument)
    {
        if (_values.TryGetValue(key, out var value))
        {
            return value;
        }

        if (_values.Count >= capacity)
        {
            _values.Clear();
        }

        return _values[key] = compute(key, argument);
    }
}
