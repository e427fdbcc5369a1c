using System.Globalization;
using System.Text.RegularExpressions;

namespace Greylane.Core.PromQL;

/// <summary>Prometheus durations (<c>5m</c>, <c>1h30m</c>, <c>1y</c>): whole numbers with units from y down to ms, each at most once, in that order.</summary>
internal static partial class PromDuration
{
    private static readonly (string Unit, long Milliseconds)[] Units =
    [
        ("y", 365L * 24 * 3600 * 1000), ("w", 7L * 24 * 3600 * 1000), ("d", 24L * 3600 * 1000),
        ("h", 3600L * 1000), ("m", 60L * 1000), ("s", 1000), ("ms", 1),
    ];

    /// <summary>Reads <paramref name="text"/> as Prometheus' model.ParseDuration does; false when it is not one.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        value = TimeSpan.Zero;
        if (text == "0")
        {
            return true;
        }

        var match = Pattern().Match(text);
        if (text.Length == 0 || !match.Success)
        {
            return false;
        }

        var total = 0L;
        for (var i = 0; i < Units.Length; i++)
        {
            var group = match.Groups[i + 1];
            if (!group.Success)
            {
                continue;
            }

            if (!long.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count)
                || count > (long.MaxValue / TimeSpan.TicksPerMillisecond - total) / Units[i].Milliseconds)
            {
                return false;
            }

            total += count * Units[i].Milliseconds;
        }

        value = TimeSpan.FromMilliseconds(total);
        return true;
    }

    [GeneratedRegex("^(?:([0-9]+)y)?(?:([0-9]+)w)?(?:([0-9]+)d)?(?:([0-9]+)h)?(?:([0-9]+)m)?(?:([0-9]+)s)?(?:([0-9]+)ms)?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
