namespace Greylane.Webhook.Controller.Tests;

public sealed class CanaryCacheTests
{
    [Fact]
    public void Without_a_synced_informer_there_is_no_answer()
    {
        var cache = new CanaryCache();

        Assert.Null(cache.In("shop"));
    }

    [Fact]
    public void A_canary_this_process_just_created_may_be_missing_from_the_informer()
    {
        var cache = new CanaryCache();

        cache.Created("shop", "web-canary-abc");

        Assert.True(cache.MayLag("shop", "web-canary-abc"));
        Assert.False(cache.MayLag("shop", "web-canary-def"));
        Assert.False(cache.MayLag("other", "web-canary-abc"));
    }
}
