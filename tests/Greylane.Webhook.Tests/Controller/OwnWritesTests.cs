using Greylane.Webhook.Controller;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Controller.Tests;

public sealed class OwnWritesTests
{
    [Fact]
    public void The_cache_is_current_again_once_the_informer_shows_greylanes_own_write()
    {
        var writes = new OwnWrites(new FakeTimeProvider());
        writes.Wrote("shop/web", "41");

        writes.Observed("shop/web", "40");
        Assert.False(writes.CacheIsCurrent("shop/web"));

        writes.Observed("shop/web", "41");
        Assert.True(writes.CacheIsCurrent("shop/web"));
        Assert.True(writes.CacheIsCurrent("shop/other"));
    }

    [Fact]
    public void After_a_conflict_the_api_is_read_until_the_next_event()
    {
        var writes = new OwnWrites(new FakeTimeProvider());
        writes.Conflicted("shop/web");

        Assert.False(writes.CacheIsCurrent("shop/web"));
        writes.Observed("shop/web", "77");
        Assert.True(writes.CacheIsCurrent("shop/web"));
    }

    [Fact]
    public void A_write_the_informer_never_shows_waits_for_any_next_event_after_the_patience()
    {
        var clock = new FakeTimeProvider();
        var writes = new OwnWrites(clock);
        writes.Wrote("shop/web", "41");

        clock.Advance(OwnWrites.Patience + TimeSpan.FromSeconds(1));
        Assert.False(writes.CacheIsCurrent("shop/web"));

        // A re-list past the write shows a newer version, never 41 itself.
        writes.Observed("shop/web", "45");
        Assert.True(writes.CacheIsCurrent("shop/web"));
    }
}
