namespace Greylane.Core.Strategy;

/// <summary>
/// <c>compare: stable</c>: the canary is judged against the stable pods measured in the same window. Exactly one
/// tolerance says which way is worse: <see cref="MaxDrop"/> (lower is worse; canary ≥ stable − maxDrop) or
/// <see cref="MaxIncrease"/> (higher is worse; canary ≤ stable × (1 + maxIncrease)).
/// </summary>
public sealed record CompareSpec(double? MaxDrop, double? MaxIncrease)
{
    /// <summary>The default tolerance of <c>success-rate</c>: one percentage point.</summary>
    public const double DefaultMaxDrop = 0.01;

    /// <summary>The default tolerance of latencies: 20 % slower.</summary>
    public const double DefaultMaxIncrease = 0.2;

    /// <summary>True when a lower canary value is the worse one.</summary>
    public bool LowerIsWorse => MaxDrop is not null;

    /// <summary>The worst stable-relative value the canary may have and still pass.</summary>
    public double Bar(double stable) => MaxDrop is { } drop ? stable - drop : stable * (1 + (MaxIncrease ?? 0));
}
