using Greylane.Core.Analysis;

namespace Greylane.Core.Rollout;

/// <summary>One measurement of one metric, taken by the controller after a <see cref="RolloutAction.Measure"/>.</summary>
public sealed record Measurement(string Metric, MeasurementVerdict Verdict, double? Value, string? Message, DateTimeOffset Time)
{
    /// <summary>An inconclusive measurement whose query Prometheus refused as malformed: no later one can do better, so it holds at once.</summary>
    public bool QueryRejected { get; init; }
}
