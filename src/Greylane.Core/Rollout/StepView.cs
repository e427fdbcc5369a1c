using System.Globalization;
using Greylane.Core.Strategy;

namespace Greylane.Core.Rollout;

/// <summary>Reads a strategy from the machine's point of view: the current step, its metrics, their timing.</summary>
internal static class StepView
{
    // A strategy changed mid-release may have fewer steps; the last one stands in rather than crashing.
    private static readonly StepSpec Empty = new(ReplicaCount.Of(1), null, [], PauseSpec.None, []);

    public static StepSpec Of(RolloutStrategy strategy, int index) =>
        strategy.Steps.Count == 0 ? Empty : strategy.Steps[Math.Clamp(index, 0, strategy.Steps.Count - 1)];

    public static bool HasNext(RolloutStrategy strategy, int index) => index + 1 < strategy.Steps.Count;

    public static string Label(RolloutStrategy strategy, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"step {index + 1}/{Math.Max(1, strategy.Steps.Count)}");

    public static MetricSpec? Metric(RolloutStrategy strategy, string name) =>
        strategy.Analysis.Metrics.FirstOrDefault(m => m.Name == name);

    public static TimeSpan Interval(RolloutStrategy strategy, MetricSpec? metric) =>
        metric?.Interval ?? strategy.Analysis.Interval;

    public static string Format(TimeSpan span)
    {
        if (span <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = (span.Days * 24 + span.Hours > 0 ? $"{span.Days * 24 + span.Hours}h" : "")
            + (span.Minutes > 0 ? $"{span.Minutes}m" : "")
            + (span.Seconds > 0 ? $"{span.Seconds}s" : "");
        return text.Length > 0 ? text : $"{(int)span.TotalMilliseconds}ms";
    }
}
