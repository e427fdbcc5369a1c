namespace Greylane.Webhook.Tests.Controller;

/// <summary>Polls a real system (sandbox, controller) until a condition holds, bounded; the failure says what was last seen.</summary>
internal static class Eventually
{
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> condition, string what, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        T last;
        while (true)
        {
            last = await read();
            if (condition(last))
            {
                return last;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"waited {(timeout ?? TimeSpan.FromSeconds(30)).TotalSeconds}s for {what}; last seen: {Describe(last)}");
            }

            await Task.Delay(50);
        }
    }

    private static string Describe<T>(T value) => value switch
    {
        k8s.Models.V1Deployment d => $"paused={d.Spec.Paused} annotations={string.Join(", ", (d.Metadata.Annotations ?? new Dictionary<string, string>()).Where(a => a.Key.StartsWith("greylane.dev/", StringComparison.Ordinal) && a.Key != "greylane.dev/strategy").Select(a => $"{a.Key}={a.Value}"))}",
        _ => value?.ToString() ?? "null",
    };
}
