namespace Greylane.Core.Analysis;

/// <summary>One (time, value) point of a matrix series.</summary>
public readonly record struct PrometheusPoint(double Time, double Value);
