using System.Globalization;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Hosting;

/// <summary>
/// Reads settings from the process configuration and collects every problem instead of stopping at the first, so that
/// an operator fixes a command line in one go. Every duration is read here, the Go way (<c>15s</c>, <c>1m30s</c>), as
/// strategies, Kubernetes and Istio write them.
/// </summary>
internal sealed class OptionReader(IConfiguration configuration)
{
    private readonly List<string> _problems = [];

    /// <summary>One line per problem: the flag, the value given, what is wrong and the fix.</summary>
    public IReadOnlyList<string> Problems => _problems;

    /// <summary>The setting <paramref name="key"/> trimmed, or null when it is missing or blank.</summary>
    public string? Text(string key) => configuration[key] is { } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    public void Problem(string line) => _problems.Add(line);

    /// <summary><c>--KEY</c> as a positive Go duration, else <paramref name="fallback"/> (also when it is wrong, after noting why).</summary>
    public TimeSpan Duration(string key, TimeSpan fallback) => Duration($"--{key}", Text(key), fallback);

    /// <summary><paramref name="text"/> (given as <paramref name="flag"/>) as a positive Go duration.</summary>
    public TimeSpan Duration(string flag, string? text, TimeSpan fallback)
    {
        if (text is null)
        {
            return fallback;
        }

        if (GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero)
        {
            return value;
        }

        // Bare numbers and .NET time spans are what people carry over from other tools; name the Go spelling of the same.
        if (decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && number > 0)
        {
            Problem($"{flag} '{text}' has no unit; write {text}s (durations are written the Go way: 500ms, 15s, 1m30s)");
        }
        else if (text.Contains(':', StringComparison.Ordinal)
            && TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
        {
            Problem($"{flag} '{text}' is a .NET time span; write {GoDuration.Format(span)} (durations are written the Go way: 500ms, 15s, 1m30s)");
        }
        else
        {
            Problem($"{flag} '{text}' is not a positive duration such as 15s, 1500ms or 1m30s");
        }

        return fallback;
    }

    /// <summary><c>--KEY</c> as true or false.</summary>
    public bool Bool(string key, bool fallback)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }

        if (bool.TryParse(text, out var value))
        {
            return value;
        }

        Problem($"--{key} '{text}' is not true or false");
        return fallback;
    }

    /// <summary><c>--KEY</c> as a whole number from <paramref name="min"/> to <paramref name="max"/>.</summary>
    public int Count(string key, int fallback, int min, int max)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Problem($"--{key} '{text}' is not a whole number from {min} to {max}");
        return fallback;
    }
}
