using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class GoDurationTests
{
    [Theory]
    [InlineData("0", 0)]
    [InlineData("0s", 0)]
    [InlineData("500ms", 500)]
    [InlineData("30s", 30_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5h", 5_400_000)]
    [InlineData(".5s", 500)]
    [InlineData("1m30s250ms", 90_250)]
    [InlineData("2h0m0s", 7_200_000)]
    [InlineData("+10s", 10_000)]
    [InlineData("1500us", 1.5)]
    [InlineData("1500µs", 1.5)]
    [InlineData("2000000ns", 2)]
    public void Go_durations_parse(string text, double milliseconds)
    {
        Assert.True(GoDuration.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("30")]
    [InlineData("1.5")]
    [InlineData("5 parsecs")]
    [InlineData("1d")]
    [InlineData("1w")]
    [InlineData("30 s")]
    [InlineData(" 30s")]
    [InlineData("1h30")]
    [InlineData("s")]
    [InlineData("1..5s")]
    [InlineData("-5s")]
    [InlineData("30S")]
    [InlineData("3000000h")]
    public void Anything_else_does_not(string text)
    {
        Assert.False(GoDuration.TryParse(text, out _));
    }

    [Theory]
    [InlineData(0, "0s")]
    [InlineData(250, "250ms")]
    [InlineData(30_000, "30s")]
    [InlineData(90_000, "1m30s")]
    [InlineData(5_400_000, "1h30m")]
    [InlineData(1_500, "1s500ms")]
    [InlineData(93_784_000, "26h3m4s")]
    [InlineData(-30_000, "-30s")]
    public void Durations_print_in_a_form_go_and_prometheus_both_read(double milliseconds, string text)
    {
        Assert.Equal(text, GoDuration.Format(TimeSpan.FromMilliseconds(milliseconds)));
        if (milliseconds >= 0)
        {
            Assert.True(GoDuration.TryParse(text, out var back));
            Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), back);
        }
    }

    [Fact]
    public void Durations_in_a_strategy_accept_every_go_form()
    {
        var strategy = StrategyAssert.Valid("traffic: {gracePeriod: 500ms}\nprogressDeadline: 1h30m\nsteps: [{pause: 2m30s}]");

        Assert.Equal(TimeSpan.FromMilliseconds(500), strategy.Traffic.GracePeriod);
        Assert.Equal(TimeSpan.FromMinutes(90), strategy.ProgressDeadline);
        Assert.Equal(PauseSpec.For(TimeSpan.FromSeconds(150)), strategy.Steps[0].Pause);
    }

    [Fact]
    public void A_zero_grace_period_is_allowed()
    {
        Assert.Equal(TimeSpan.Zero, StrategyAssert.Valid("traffic: {gracePeriod: 0}").Traffic.GracePeriod);
    }
}
