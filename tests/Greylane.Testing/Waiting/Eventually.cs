namespace Greylane.Testing.Waiting;

/// <summary>
/// Polls a real system (sandbox, controller, process) until a condition holds, bounded; the failure says what was
/// waited for and what was last seen. Waits are generous bounds, never timing assertions.
/// </summary>
public static class Eventually
{
    /// <summary>The bound when a caller names none.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(50);

    /// <summary>Reads until <paramref name="condition"/> holds of what was read, and returns that; throws <see cref="TimeoutException"/> after the bound.</summary>
    public static async Task<T> UntilAsync<T>(
        Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null, Func<T, string>? describe = null, TimeSpan? interval = null)
    {
        var bound = timeout ?? DefaultTimeout;
        var deadline = DateTime.UtcNow + bound;
        while (true)
        {
            var last = await read();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {bound.TotalSeconds}s for {what}; last seen: {(describe ?? Describe)(last)}");
            }

            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>The same with a synchronous read (a store lookup, a snapshot of a log).</summary>
    public static Task<T> UntilAsync<T>(
        Func<T> read, Func<T, bool> condition, string what, TimeSpan? timeout = null, Func<T, string>? describe = null, TimeSpan? interval = null) =>
        UntilAsync(() => Task.FromResult(read()), condition, what, timeout, describe, interval);

    /// <summary>Polls until <paramref name="condition"/> is true; throws <see cref="TimeoutException"/> after the bound.</summary>
    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var bound = timeout ?? DefaultTimeout;
        var until = DateTime.UtcNow + bound;
        while (!await condition())
        {
            if (DateTime.UtcNow > until)
            {
                throw new TimeoutException($"timed out after {bound.TotalSeconds}s waiting for {what}");
            }

            await Task.Delay(DefaultInterval);
        }
    }

    public static Task TrueAsync(Func<bool> condition, string what, TimeSpan? timeout = null) =>
        TrueAsync(() => Task.FromResult(condition()), what, timeout);

    // A Deployment is described by what Greylane reads and writes: paused, and its greylane.dev/ annotations.
    private static string Describe<T>(T value) => value switch
    {
        k8s.Models.V1Deployment d => $"paused={d.Spec.Paused} annotations={string.Join(", ", (d.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => a.Key.StartsWith("greylane.dev/", StringComparison.Ordinal) && a.Key != "greylane.dev/strategy").Select(a => $"{a.Key}={a.Value}"))}",
        _ => value?.ToString() ?? "null",
    };
}
