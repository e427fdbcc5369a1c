namespace Greylane.Core.Statistics;

/// <summary>
/// A Mann–Whitney U test's outcome: <see cref="U"/> of the first sample (pairs where it is larger, ties counting half;
/// R's <c>W</c>, scipy's <c>U1</c>), the one-sided p-value, and whether it came from the exact distribution.
/// </summary>
public sealed record MannWhitneyResult(double U, double PValue, bool Exact);
