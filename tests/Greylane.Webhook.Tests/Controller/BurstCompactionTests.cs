using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller;

namespace Greylane.Webhook.Controller.Tests;

public sealed class BurstCompactionTests
{
    [Fact]
    public async Task A_drained_burst_compacts_the_heap_once_and_steady_work_never_does()
    {
        var compactions = 0;
        var compaction = new BurstCompaction(() => Interlocked.Increment(ref compactions));

        // Steady work: a wave of releases never reaches a burst's depth.
        foreach (var depth in new[] { 1, 40, 100, 0, 3, 0 })
        {
            compaction.Observe(depth);
        }

        // A start: every opted-in Deployment queued at once, then drained (and later steady work again).
        foreach (var depth in new[] { 1, BurstCompaction.BurstDepth, 5000, 12, 0, 2, 0 })
        {
            compaction.Observe(depth);
        }

        await Eventually.TrueAsync(() => Volatile.Read(ref compactions) > 0, "the drained burst is compacted");
        await Task.Delay(200);
        Assert.Equal(1, Volatile.Read(ref compactions));
    }
}
