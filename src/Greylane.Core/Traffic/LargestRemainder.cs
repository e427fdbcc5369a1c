namespace Greylane.Core.Traffic;

/// <summary>Integer shares of a total that sum to it exactly (Hamilton's largest-remainder method).</summary>
internal static class LargestRemainder
{
    /// <summary>
    /// Splits <paramref name="total"/> in proportion to <paramref name="quotas"/>: each gets the floor of its exact share,
    /// and the units left go to the largest fractional parts (earlier entries win ties). All-zero quotas split evenly.
    /// </summary>
    public static int[] Apportion(IReadOnlyList<double> quotas, int total)
    {
        if (quotas.Count == 0)
        {
            return [];
        }

        var sum = quotas.Sum();
        var exact = sum > 0
            ? quotas.Select(q => total * q / sum).ToArray()
            : [.. quotas.Select(_ => (double)total / quotas.Count)];
        var shares = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var left = total - shares.Sum();
        foreach (var i in Enumerable.Range(0, exact.Length).OrderByDescending(i => exact[i] - shares[i]).ThenBy(i => i).Take(left))
        {
            shares[i]++;
        }

        return shares;
    }
}
