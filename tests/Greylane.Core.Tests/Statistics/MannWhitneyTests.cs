using Greylane.Core.Statistics;

namespace Greylane.Core.Statistics.Tests;

/// <summary>
/// Reference values from R's wilcox.test (its own help page example, and the tied example on endmemo.com/r/wilcoxon.php)
/// and from scipy.stats.mannwhitneyu's documentation (the males/females example); two-sided p-values are halved where a
/// one-sided one is tested, which is exact for the symmetric U distribution and for the normal approximation.
/// </summary>
public sealed class MannWhitneyTests
{
    private static readonly double[] Depressed = [0.80, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
    private static readonly double[] Control = [1.15, 0.88, 0.90, 0.74, 1.21];

    [Fact]
    public void Exact_test_matches_R_wilcox_test_help_example()
    {
        // R: wilcox.test(x, y, alternative = "g") gives W = 35, p-value = 0.1272.
        var result = MannWhitney.Test(Depressed, Control, Alternative.Greater);

        Assert.Equal(35, result.U);
        Assert.True(result.Exact);
        Assert.Equal(0.1272, result.PValue, 4);
    }

    [Fact]
    public void Exact_test_matches_scipy_mannwhitneyu_documentation_example()
    {
        // scipy: mannwhitneyu(males, females, method="exact") gives U1 = 17, two-sided p = 0.1111 (14 of 126 arrangements); P(U <= 17) = 1 - P(U >= 18) = 122/126.
        var result = MannWhitney.Test([19, 22, 16, 29, 24], [20, 11, 17, 12], Alternative.Greater);

        Assert.Equal(17, result.U);
        Assert.Equal(7.0 / 126, result.PValue, 12);
        Assert.Equal(122.0 / 126, MannWhitney.Test([19, 22, 16, 29, 24], [20, 11, 17, 12], Alternative.Less).PValue, 12);
    }

    [Fact]
    public void Normal_approximation_matches_scipy_asymptotic_p_value()
    {
        // scipy: method="asymptotic" gives p = 0.11134688653314041 two-sided (continuity correction on); the same
        // samples with 50 values each would be exact, so the approximation is reached here through a tie.
        var result = MannWhitney.Test([19, 22, 16, 29, 24, 24], [20, 11, 17, 12], Alternative.Greater);
        Assert.False(result.Exact);

        Assert.Equal(0.11134688653314041 / 2, ApproximateGreater(17, 5, 4), 12);
    }

    [Fact]
    public void Tied_samples_use_the_tie_corrected_normal_approximation_as_R_does()
    {
        // R: wilcox.test(x, y) gives W = 51.5, p-value = 0.5966 (with continuity correction; ties, so not exact).
        double[] x = [1, 5, 9, 24, 56, 21, 3, 7, 21, 4];
        double[] y = [12, 15, 5, 9, 9, 14, 56, 22, 3, 7, 32, 5];

        var result = MannWhitney.Test(x, y, Alternative.Less);

        Assert.Equal(51.5, result.U);
        Assert.False(result.Exact);
        Assert.Equal(0.5966 / 2, result.PValue, 4);
    }

    [Fact]
    public void Completely_separated_samples_with_ties_give_R_s_small_p_value()
    {
        // R: wilcox.test(x, y) with y = c(1233, 4356, 987, 39999, 1111, 200000) gives W = 0, p-value = 0.001364.
        double[] x = [1, 5, 9, 24, 56, 21, 3, 7, 21, 4];
        double[] y = [1233, 4356, 987, 39999, 1111, 200000];

        var result = MannWhitney.Test(x, y, Alternative.Less);

        Assert.Equal(0, result.U);
        Assert.Equal(0.001364 / 2, result.PValue, 5);
    }

    [Fact]
    public void Large_samples_without_ties_use_the_normal_approximation()
    {
        var x = Enumerable.Range(0, 60).Select(i => i + 0.5).ToArray();
        var y = Enumerable.Range(0, 60).Select(i => (double)i).ToArray();

        var result = MannWhitney.Test(x, y, Alternative.Greater);

        Assert.False(result.Exact);
        Assert.Equal(1830, result.U);
        Assert.InRange(result.PValue, 0.4, 0.5);
    }

    [Fact]
    public void All_values_equal_give_no_evidence()
    {
        var result = MannWhitney.Test([1, 1, 1], [1, 1], Alternative.Greater);

        Assert.Equal(1, result.PValue);
    }

    [Theory]
    [InlineData(0, 0.5)]
    [InlineData(1.959963984540054, 0.975)]
    [InlineData(-1.6448536269514722, 0.05)]
    [InlineData(-3.090232306167813, 0.001)]
    [InlineData(-6, 9.865876450376982e-10)]
    public void Normal_cdf_matches_reference_quantiles(double z, double p) =>
        Assert.Equal(p, Normal.Cdf(z), 1e-12 + (p * 1e-9));

    private static double ApproximateGreater(double u, int n, int m)
    {
        var sigma = Math.Sqrt(n * m * (n + m + 1) / 12.0);
        return 1 - Normal.Cdf((u - (n * m / 2.0) - 0.5) / sigma);
    }
}
