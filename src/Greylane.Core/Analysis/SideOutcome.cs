namespace Greylane.Core.Analysis;

/// <summary>One side's answers for a compared metric: its value query and, when the metric has one, its samples query.</summary>
public sealed record SideOutcome(QueryOutcome Value, QueryOutcome? Samples);
