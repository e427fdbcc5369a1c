namespace Greylane.Core.Notifications;

/// <summary>A metric's standing when the notification was made: its last value and verdict, and the step's counters.</summary>
public sealed record MetricValue(string Name, double? Value, string? Verdict, int Passed, int Failed, int Inconclusive, string? Message);
