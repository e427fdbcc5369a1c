using System.Globalization;
using System.Text;

namespace Greylane.Core.Strategy;

/// <summary>Durations written the Go way, as Kubernetes and Istio write them: <c>500ms</c>, <c>30s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
public static class GoDuration
{
    /// <summary>The units a user may write (Go also takes <c>ns</c> and <c>us</c>, and so do we).</summary>
    public const string Units = "ms, s, m, h";

    // Go's own limit (int64 nanoseconds), so nothing Go tools accept is refused and nothing overflows a TimeSpan.
    private static readonly decimal MaxTicks = long.MaxValue / 100m;

    private static readonly Dictionary<string, decimal> TicksPerUnit = new(StringComparer.Ordinal)
    {
        ["ns"] = 0.01m,
        ["us"] = 10m,
        ["µs"] = 10m,
        ["μs"] = 10m,
        ["ms"] = TimeSpan.TicksPerMillisecond,
        ["s"] = TimeSpan.TicksPerSecond,
        ["m"] = TimeSpan.TicksPerMinute,
        ["h"] = TimeSpan.TicksPerHour,
    };

    /// <summary>Parse <paramref name="text"/>; false for anything Go's <c>time.ParseDuration</c> would refuse, and for negative durations.</summary>
    public static bool TryParse(string text, out TimeSpan value)
    {
        var (parsed, problem) = Parse(text);
        value = parsed;
        return problem == DurationProblem.None;
    }

    /// <summary>
    /// Whole milliseconds in a form both Go and Prometheus read (<c>1h30m</c>, <c>1m30s</c>, <c>1s500ms</c>, <c>0s</c>);
    /// finer parts are dropped.
    /// </summary>
    public static string Format(TimeSpan value)
    {
        var millis = (long)Math.Floor(Math.Abs(value.TotalMilliseconds));
        if (millis == 0)
        {
            return "0s";
        }

        var text = new StringBuilder(value < TimeSpan.Zero ? "-" : "");
        Append(text, millis / 3_600_000, "h");
        Append(text, millis / 60_000 % 60, "m");
        Append(text, millis / 1000 % 60, "s");
        Append(text, millis % 1000, "ms");
        return text.ToString();
    }

    internal static (TimeSpan Value, DurationProblem Problem) Parse(string text)
    {
        if (text == "0")
        {
            return (TimeSpan.Zero, DurationProblem.None);
        }

        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
        {
            return (TimeSpan.Zero, DurationProblem.NoUnit);
        }

        if (text.StartsWith('-'))
        {
            return Parse(text[1..]) is (_, DurationProblem.None) ? (TimeSpan.Zero, DurationProblem.Negative) : (TimeSpan.Zero, DurationProblem.NotADuration);
        }

        var rest = text.StartsWith('+') ? text.AsSpan(1) : text.AsSpan();
        if (rest.IsEmpty)
        {
            return (TimeSpan.Zero, DurationProblem.NotADuration);
        }

        var ticks = 0m;
        while (!rest.IsEmpty)
        {
            var numberLength = rest.IndexOfAnyExcept("0123456789.");
            var unitLength = numberLength < 0 ? -1 : rest[numberLength..].IndexOfAny("0123456789.");
            if (numberLength <= 0 || unitLength == 0)
            {
                return (TimeSpan.Zero, DurationProblem.NotADuration);
            }

            var number = rest[..numberLength];
            var unit = unitLength < 0 ? rest[numberLength..] : rest.Slice(numberLength, unitLength);
            if (!decimal.TryParse(number, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount)
                || !TicksPerUnit.TryGetValue(unit.ToString(), out var perUnit))
            {
                return (TimeSpan.Zero, DurationProblem.NotADuration);
            }

            if (amount > MaxTicks / perUnit || (ticks += amount * perUnit) > MaxTicks)
            {
                return (TimeSpan.Zero, DurationProblem.TooLong);
            }

            rest = rest[(numberLength + unit.Length)..];
        }

        return (TimeSpan.FromTicks((long)Math.Round(ticks)), DurationProblem.None);
    }

    private static void Append(StringBuilder text, long amount, string unit)
    {
        if (amount > 0)
        {
            text.Append(amount.ToString(CultureInfo.InvariantCulture)).Append(unit);
        }
    }
}
