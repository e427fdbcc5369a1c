namespace Greylane.Cli.Status.Tests;

public sealed class MetricLineTests
{
    [Fact]
    public void A_comparison_shows_both_sides_the_tolerance_and_the_verdict()
    {
        var row = new MetricRow("errors", null, null, 0.951, "Pass", "canary 0.951 vs stable 0.953 (drop 0.002 ≤ 0.01)", 1, 3, 0, 0, 0, 3) { LastStableValue = 0.953 };

        Assert.Equal(
            "errors: canary 0.951 vs stable 0.953 (drop 0.002 ≤ 0.01): pass  passed 1/3  failed 0 (limit 0)  inconclusive 0 (limit 3)",
            StatusText.MetricLine(row));
    }

    [Fact]
    public void An_absolute_metric_keeps_its_line()
    {
        var row = new MetricRow("success-rate", 0.99, null, 0.995, "Pass", "0.995 is within min 0.99", 2, 3, 1, 1, 0, 3);

        Assert.StartsWith("success-rate: last 0.995 Pass (want >= 0.99)  passed 2/3", StatusText.MetricLine(row), StringComparison.Ordinal);
    }
}
