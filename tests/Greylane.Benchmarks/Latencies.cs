namespace Greylane.Benchmarks;

/// <summary>Latencies of one measured run, and the figures printed from them.</summary>
internal sealed class Latencies(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name => name;

    public TimeSpan Elapsed { get; set; }

    public int Count => _milliseconds.Count;

    public double PerSecond => Count / Elapsed.TotalSeconds;

    public void Add(TimeSpan latency) => _milliseconds.Add(latency.TotalMilliseconds);

    public void AddRange(Latencies other) => _milliseconds.AddRange(other._milliseconds);

    public double Percentile(double p)
    {
        if (Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public override string ToString() =>
        FormattableString.Invariant($"{Name,-34} {PerSecond,10:F0} req/s   p50 {Percentile(50),8:F3} ms   p99 {Percentile(99),8:F3} ms   ({Count} requests)");
}
