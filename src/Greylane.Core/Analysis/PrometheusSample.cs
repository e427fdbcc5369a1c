namespace Greylane.Core.Analysis;

/// <summary>
/// One series' sample of a vector. <see cref="IsHistogram"/> marks a native histogram sample, which has no single
/// value (<see cref="Value"/> is then NaN).
/// </summary>
public sealed record PrometheusSample(IReadOnlyDictionary<string, string> Labels, double Time, double Value, bool IsHistogram = false);
