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
    int InconclusiveLimit)
{
    /// <summary>The stable pods' value in the last measurement (<c>compare: stable</c>), if any.</summary>
    public double? LastStableValue { get; init; }

    /// <summary>The last test's one-sided p-value, if any.</summary>
    public double? LastPValue { get; init; }

    /// <summary>The canary's query as last sent, if any.</summary>
    public string? Query { get; init; }

    /// <summary>True when Greylane wrote the queries (a built-in metric, or one compared with stable), so status shows them.</summary>
    public bool GeneratedQueries { get; init; }

    /// <summary>The stable pods' query as last sent, if any.</summary>
    public string? StableQuery { get; init; }
}
