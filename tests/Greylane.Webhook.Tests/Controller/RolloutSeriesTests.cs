using Greylane.Core.Rollout;

namespace Greylane.Webhook.Controller.Tests;

public sealed class RolloutSeriesTests
{
    [Fact]
    public async Task A_deployment_has_one_phase_line_and_one_step_line()
    {
        var series = new RolloutSeries();
        series.Set("shop", "web", RolloutPhase.StepPaused, 2);
        series.Set("shop", "api", RolloutPhase.Completed, 0);

        var page = await PageAsync(series);

        Assert.Contains("greylane_rollout_phase{namespace=\"shop\",deployment=\"web\",phase=\"StepPaused\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("greylane_rollout_phase{namespace=\"shop\",deployment=\"api\",phase=\"Completed\"} 1\n", page, StringComparison.Ordinal);
        Assert.Contains("greylane_rollout_step{namespace=\"shop\",deployment=\"web\"} 2\n", page, StringComparison.Ordinal);
        Assert.Contains("greylane_rollout_step{namespace=\"shop\",deployment=\"api\"} 0\n", page, StringComparison.Ordinal);
        Assert.Equal(2, Count(page, "greylane_rollout_phase{"));
        Assert.Equal(2, Count(page, "greylane_rollout_step{"));
    }

    [Fact]
    public async Task A_new_phase_replaces_the_old_one_and_a_forgotten_deployment_leaves_the_page()
    {
        var series = new RolloutSeries();
        series.Set("shop", "web", RolloutPhase.StepPaused, 2);
        series.Set("shop", "web", RolloutPhase.Completed, 0);
        series.Set("shop", "gone", RolloutPhase.Idle, 0);
        series.Remove("shop", "gone");

        var page = await PageAsync(series);

        Assert.DoesNotContain("StepPaused", page, StringComparison.Ordinal);
        Assert.DoesNotContain("gone", page, StringComparison.Ordinal);
        Assert.Equal(1, Count(page, "greylane_rollout_phase{"));
        Assert.Equal(1, series.Count);
    }

    [Fact]
    public async Task Both_families_are_declared_once_even_with_no_deployment()
    {
        var page = await PageAsync(new RolloutSeries());

        Assert.Equal(
            "# HELP greylane_rollout_phase 1 for the current release phase of a Deployment (only that phase has a series: at 10,000 Deployments a series per phase would be 110,000).\n" +
            "# TYPE greylane_rollout_phase gauge\n" +
            "# HELP greylane_rollout_step The current step of a Deployment's release, counted from 1 (0 when no release is in progress).\n" +
            "# TYPE greylane_rollout_step gauge\n",
            page);
    }

    [Theory]
    [InlineData("web", "web")]
    [InlineData("a\"b", "a\\\"b")]
    [InlineData("a\\b", "a\\\\b")]
    [InlineData("a\nb", "a\\nb")]
    public void Label_values_are_quoted_as_the_text_format_says(string value, string written) =>
        Assert.Equal(written, RolloutSeries.LabelValue(value));

    private static async Task<string> PageAsync(RolloutSeries series)
    {
        using var page = new StringWriter { NewLine = "\n" };
        await series.WriteAsync(page, CancellationToken.None);
        return page.ToString();
    }

    private static int Count(string page, string prefix) =>
        page.Split('\n').Count(line => line.StartsWith(prefix, StringComparison.Ordinal));
}
