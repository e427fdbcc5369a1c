namespace Greylane.Core.Analysis;

/// <summary>One series of a matrix: its labels and its (time, value) points.</summary>
public sealed record PrometheusSeries(IReadOnlyDictionary<string, string> Labels, IReadOnlyList<PrometheusPoint> Values);
