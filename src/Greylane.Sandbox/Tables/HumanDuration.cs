namespace Greylane.Sandbox.Tables;

/// <summary>apimachinery's <c>duration.HumanDuration</c>: the AGE column's "5m2s", "3h", "12d".</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan d)
    {
        if (d < TimeSpan.FromSeconds(-1))
        {
            return "<invalid>";
        }

        var seconds = (long)Math.Max(0, d.TotalSeconds);
        var minutes = seconds / 60;
        var hours = minutes / 60;
        var days = hours / 24;
        var years = days / 365;
        return seconds switch
        {
            < 60 * 2 => $"{seconds}s",
            _ when minutes < 10 => Pair(minutes, "m", seconds % 60, "s"),
            _ when minutes < 60 * 3 => $"{minutes}m",
            _ when hours < 8 => Pair(hours, "h", minutes % 60, "m"),
            _ when hours < 48 => $"{hours}h",
            _ when hours < 24 * 8 => Pair(days, "d", hours % 24, "h"),
            _ when hours < 24 * 365 * 2 => $"{days}d",
            _ when hours < 24 * 365 * 8 => Pair(years, "y", days % 365, "d"),
            _ => $"{years}y",
        };
    }

    private static string Pair(long major, string majorUnit, long minor, string minorUnit) =>
        minor == 0 ? $"{major}{majorUnit}" : $"{major}{majorUnit}{minor}{minorUnit}";
}
