namespace Greylane.Cli.Status;

/// <summary>One metric of the current step: its bounds, its last measurement and its counters against their limits.</summary>
internal sealed record MetricRow(
    string Name,
    double? Min,
    double? Max,
    double? LastValue,
    string? Last,
    string? LastMessage,
    int Passed,
    int Count,
    int Failed,
    int FailureLimit,
    int Inconclusive,
    int InconclusiveLimit);
