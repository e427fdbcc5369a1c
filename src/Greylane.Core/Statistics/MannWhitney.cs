namespace Greylane.Core.Statistics;

/// <summary>
/// The one-sided Mann–Whitney U (Wilcoxon rank-sum) test, as R's <c>wilcox.test(x, y, alternative, exact = NULL,
/// correct = TRUE)</c> computes it: the exact distribution of U when both samples have fewer than 50 values and there
/// are no ties, else the normal approximation with tie correction and a continuity correction of 0.5.
/// </summary>
public static class MannWhitney
{
    /// <summary>Below this many values in each sample (and without ties) the exact distribution is used, as R does.</summary>
    public const int ExactBelow = 50;

    /// <summary>The test of <paramref name="x"/> against <paramref name="y"/> (both non-empty, finite values).</summary>
    public static MannWhitneyResult Test(IReadOnlyList<double> x, IReadOnlyList<double> y, Alternative alternative)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        if (x.Count == 0 || y.Count == 0)
        {
            throw new ArgumentException("both samples need at least one value");
        }

        var (u, ties) = Statistic(x, y);
        int n = x.Count, m = y.Count;
        if (n < ExactBelow && m < ExactBelow && !ties.Any(t => t > 1))
        {
            var distribution = ExactCounts(n, m);
            var total = distribution.Sum();
            var k = (int)u;
            double tail = 0;
            for (var i = 0; i < distribution.Length; i++)
            {
                if (alternative == Alternative.Greater ? i >= k : i <= k)
                {
                    tail += distribution[i];
                }
            }

            return new MannWhitneyResult(u, Math.Min(1, tail / total), Exact: true);
        }

        double size = n + m;
        var tieTerm = ties.Sum(t => ((double)t * t * t) - t);
        var variance = n * (double)m / 12 * (size + 1 - (tieTerm / (size * (size - 1))));
        if (variance <= 0)
        {
            return new MannWhitneyResult(u, 1, Exact: false); // every value equal: no evidence either way
        }

        var mean = n * (double)m / 2;
        var correction = alternative == Alternative.Greater ? 0.5 : -0.5;
        var z = (u - mean - correction) / Math.Sqrt(variance);
        var p = alternative == Alternative.Greater ? 1 - Normal.Cdf(z) : Normal.Cdf(z);
        return new MannWhitneyResult(u, p, Exact: false);
    }

    /// <summary>U of <paramref name="x"/> from its rank sum (mid-ranks for ties), and the sizes of the groups of tied values.</summary>
    private static (double U, IReadOnlyList<int> Ties) Statistic(IReadOnlyList<double> x, IReadOnlyList<double> y)
    {
        var all = x.Select(v => (Value: v, First: true)).Concat(y.Select(v => (Value: v, First: false))).OrderBy(p => p.Value).ToArray();
        var ties = new List<int>();
        double rankSum = 0;
        for (var i = 0; i < all.Length;)
        {
            var j = i;
            while (j < all.Length && all[j].Value == all[i].Value)
            {
                j++;
            }

            var midRank = (i + 1 + j) / 2.0;
            rankSum += midRank * all[i..j].Count(p => p.First);
            ties.Add(j - i);
            i = j;
        }

        return (rankSum - (x.Count * (x.Count + 1) / 2.0), ties);
    }

    /// <summary>
    /// How many of the C(n+m, n) arrangements give each U = 0…n·m: the coefficients of the Gaussian binomial
    /// Π_{i=1..n} (1 − q^(m+i)) / (1 − q^i), multiplied and divided one factor at a time (each quotient is a polynomial).
    /// </summary>
    private static double[] ExactCounts(int n, int m)
    {
        var degree = n * m;
        var counts = new double[degree + 1];
        counts[0] = 1;
        for (var i = 1; i <= n; i++)
        {
            var up = m + i;
            for (var k = degree; k >= up; k--)
            {
                counts[k] -= counts[k - up];
            }

            for (var k = i; k <= degree; k++)
            {
                counts[k] += counts[k - i];
            }
        }

        return counts;
    }
}
