namespace Greylane.ControllerBenchmark;

/// <summary>Latencies in milliseconds and the figures printed from them (nearest-rank percentiles).</summary>
internal sealed class Distribution(IEnumerable<double> milliseconds)
{
    private readonly double[] _sorted = [.. milliseconds.Order()];

    public int Count => _sorted.Length;

    public double P50 => Percentile(50);

    public double P99 => Percentile(99);

    public double Max => Count == 0 ? double.NaN : _sorted[^1];

    public double Percentile(double p) =>
        Count == 0 ? double.NaN : _sorted[Math.Clamp((int)Math.Ceiling(p / 100 * Count) - 1, 0, Count - 1)];
}
