namespace Greylane.Core.Strategy;

/// <summary>
/// <c>test: mann-whitney</c>: per-interval samples (one every <see cref="Step"/> over the metric's window) of canary
/// and stable are compared with a one-sided Mann–Whitney U test at <see cref="Confidence"/>.
/// </summary>
public sealed record TestSpec(double Confidence, TimeSpan Step)
{
    /// <summary>The default confidence.</summary>
    public const double DefaultConfidence = 0.95;

    /// <summary>The default step: two Istio scrapes (15 s each), so every per-step rate has points to work with.</summary>
    public static TimeSpan DefaultStep { get; } = TimeSpan.FromSeconds(30);

    /// <summary>The default window with a test: ten steps.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(5);

    /// <summary>The default least number of samples on each side.</summary>
    public const int DefaultMinSamples = 5;

    /// <summary>The most samples one side may ask for (window / step), far below Prometheus' 11 000 points per series.</summary>
    public const int MaxSamples = 1000;
}
