using Greylane.Webhook.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ReconcileQueueTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Adds_of_one_key_coalesce_into_one_run()
    {
        using var queue = new ReconcileQueue(new FakeTimeProvider());

        queue.Add("shop/web");
        queue.Add("shop/web");
        queue.Add("shop/api");

        Assert.Equal(2, queue.Depth);
        Assert.Equal("shop/web", await queue.TakeAsync(None));
        Assert.Equal("shop/api", await queue.TakeAsync(None));
    }

    [Fact]
    public async Task A_key_added_while_it_runs_runs_once_more_afterwards_and_never_twice_at_once()
    {
        using var queue = new ReconcileQueue(new FakeTimeProvider());
        queue.Add("shop/web");
        var key = await queue.TakeAsync(None);

        queue.Add(key);
        queue.Add(key);

        Assert.Equal(0, queue.Depth);
        queue.Done(key);
        Assert.Equal(1, queue.Depth);
        Assert.Equal(key, await queue.TakeAsync(None));
    }

    [Fact]
    public async Task A_delayed_add_runs_when_its_time_comes_and_the_earliest_delay_wins()
    {
        var time = new FakeTimeProvider();
        using var queue = new ReconcileQueue(time);

        queue.AddAfter("shop/web", TimeSpan.FromSeconds(30));
        queue.AddAfter("shop/web", TimeSpan.FromSeconds(5));
        queue.AddAfter("shop/web", TimeSpan.FromSeconds(10));
        time.Advance(TimeSpan.FromSeconds(4));
        Assert.Equal(0, queue.Depth);
        time.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, queue.Depth);
        Assert.Equal("shop/web", await queue.TakeAsync(None));
        queue.Done("shop/web");
        time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(0, queue.Depth);
    }

    [Fact]
    public void Failures_back_off_exponentially_until_the_key_succeeds()
    {
        using var queue = new ReconcileQueue(new FakeTimeProvider());

        var backoffs = Enumerable.Range(0, 4).Select(_ => queue.AddFailed("shop/web")).ToList();
        queue.Forget("shop/web");

        Assert.Equal([200, 400, 800, 1600], backoffs.Select(b => b.TotalMilliseconds));
        Assert.Equal(TimeSpan.FromMilliseconds(200), queue.AddFailed("shop/web"));
        Assert.Equal(TimeSpan.FromMinutes(2), Enumerable.Range(0, 30).Select(_ => queue.AddFailed("shop/web")).ToList()[^1]);
    }

    [Fact]
    public async Task Taking_waits_for_work_and_stops_on_cancellation()
    {
        using var queue = new ReconcileQueue(new FakeTimeProvider());
        using var cancel = new CancellationTokenSource();

        var waiting = queue.TakeAsync(cancel.Token);
        Assert.False(waiting.IsCompleted);
        queue.Add("shop/web");
        Assert.Equal("shop/web", await waiting);

        var idle = queue.TakeAsync(cancel.Token);
        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => idle);
    }
}
