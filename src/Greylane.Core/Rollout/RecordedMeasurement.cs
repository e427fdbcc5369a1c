namespace Greylane.Core.Rollout;

/// <summary>One measurement kept in the release's series, with the step (0-based) whose analysis counted it.</summary>
public sealed record RecordedMeasurement(int Step, Measurement Measurement);
