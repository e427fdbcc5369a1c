namespace Greylane.Webhook.Controller.Tests;

public sealed class CanaryCacheTests
{
    [Fact]
    public void Without_a_synced_informer_there_is_no_answer()
    {
        var cache = new CanaryCache(TimeProvider.System);

        Assert.Null(cache.In("shop"));
    }

    [Fact]
    public void A_canary_this_process_just_created_may_be_missing_from_the_informer()
    {
        var cache = new CanaryCache(TimeProvider.System);

        cache.Created("shop", "web-canary-abc", "7");

        Assert.True(cache.MayLag("shop", "web-canary-abc"));
        Assert.False(cache.MayLag("shop", "web-canary-def"));
        Assert.False(cache.MayLag("other", "web-canary-abc"));
    }

    [Fact]
    public void Once_the_informer_shows_the_created_canary_its_absence_is_trusted_again()
    {
        var cache = new CanaryCache(TimeProvider.System);
        cache.Created("shop", "web-canary-abc", "7");
        cache.Created("shop", "web-canary-old", resourceVersion: null);

        cache.Observed("shop/web-canary-abc", "7");
        cache.Observed("shop/web-canary-old", "3");

        Assert.False(cache.MayLag("shop", "web-canary-abc"));
        Assert.False(cache.MayLag("shop", "web-canary-old"));
    }
}
