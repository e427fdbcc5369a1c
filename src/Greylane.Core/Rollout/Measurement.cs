using Greylane.Core.Analysis;

namespace Greylane.Core.Rollout;

/// <summary>One measurement of one metric, taken by the controller after a <see cref="RolloutAction.Measure"/>.</summary>
public sealed record Measurement(string Metric, MeasurementVerdict Verdict, double? Value, string? Message, DateTimeOffset Time);
