using Greylane.Demo.Traffic;

namespace Greylane.Demo.Traffic.Tests;

public sealed class TrafficTallyTests
{
    [Fact]
    public void An_answer_is_summarised_as_its_path_through_the_services()
    {
        var path = TrafficTally.PathOf(200, "-> mocka(version: canary, ip: 10.244.1.41)\n-> mockb(version: canary, ip: 10.244.1.42)\n");

        Assert.Equal("mocka(canary) → mockb(canary)", path);
    }

    [Fact]
    public void An_injected_error_shows_its_status_code()
    {
        Assert.Equal("502 mocka(base) → mockb(canary) (injected error)", TrafficTally.PathOf(502, "-> mocka(version: base, ip: a)\n-> mockb(version: canary, ip: b) injected error\n"));
    }

    [Fact]
    public void Drain_counts_each_lane_separately_and_starts_over()
    {
        var tally = new TrafficTally();
        tally.Add(false, 200, "-> mocka(version: base, ip: a)");
        tally.Add(false, 200, "-> mocka(version: base, ip: a)");
        tally.Add(true, 200, "-> mocka(version: canary, ip: b)");

        Assert.Equal(["no header             2× mocka(base)", "my-request-id: canary 1× mocka(canary)"], tally.Drain());
        Assert.Empty(tally.Drain());
    }
}
