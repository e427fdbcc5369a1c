namespace Greylane.Core.Statistics;

/// <summary>The standard normal distribution function, from a complementary error function accurate to about 1e-14.</summary>
public static class Normal
{
    /// <summary>P(Z ≤ <paramref name="z"/>) for a standard normal Z.</summary>
    public static double Cdf(double z) => z switch
    {
        double.NaN => double.NaN,
        < 0 => 0.5 * Erfc(-z / Math.Sqrt(2)),
        _ => 1 - (0.5 * Erfc(z / Math.Sqrt(2))),
    };

    /// <summary>erfc(<paramref name="x"/>) for x ≥ 0: the Taylor series of erf below 2, a continued fraction (Lentz) above.</summary>
    internal static double Erfc(double x)
    {
        if (x < 2)
        {
            // erf(x) = 2/√π Σ (-1)^n x^(2n+1) / (n! (2n+1)); below 2 the terms stay small enough to keep ~14 digits.
            double sum = 0, term = x;
            for (var n = 0; n < 200; n++)
            {
                var add = term / ((2 * n) + 1);
                sum += add;
                if (Math.Abs(add) < 1e-17 * Math.Abs(sum))
                {
                    break;
                }

                term *= -x * x / (n + 1);
            }

            return 1 - (2 / Math.Sqrt(Math.PI) * sum);
        }

        if (x > 27)
        {
            return 0; // below the smallest double
        }

        // erfc(x) = e^(-x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …))))), evaluated with modified Lentz.
        const double Tiny = 1e-300;
        var f = x;
        var c = x;
        var d = 0.0;
        for (var k = 1; k < 500; k++)
        {
            var a = k / 2.0;
            d = x + (a * d);
            d = Math.Abs(d) < Tiny ? Tiny : d;
            c = x + (a / c);
            c = Math.Abs(c) < Tiny ? Tiny : c;
            d = 1 / d;
            var delta = c * d;
            f *= delta;
            if (Math.Abs(delta - 1) < 1e-16)
            {
                break;
            }
        }

        return Math.Exp(-x * x) / Math.Sqrt(Math.PI) / f;
    }
}
