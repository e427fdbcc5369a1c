using System.Text;
using System.Text.RegularExpressions;

namespace Greylane.Demo.Traffic;

/// <summary>
/// What the trickle's answers looked like since the last <see cref="Drain"/>: per lane (plain or canary header), how
/// many answers had each path through the services (<c>mocka(base) → mockb(canary)</c>) and status code.
/// </summary>
internal sealed partial class TrafficTally
{
    private readonly Lock _gate = new();
    private Dictionary<(bool Lane, string Path), int> _counts = [];

    /// <summary>The path of one answer: <c>-&gt; mocka(version: base, ip: …)</c> lines become <c>mocka(base) → mockb(base)</c>.</summary>
    public static string PathOf(int code, string body)
    {
        var hops = Hop().Matches(body).Select(m => $"{m.Groups[1].Value}({m.Groups[2].Value})").ToList();
        var path = hops.Count > 0 ? string.Join(" → ", hops) : body.Trim().Split('\n')[0];
        return code == 200 ? path : $"{code} {path}{(body.Contains("injected error", StringComparison.Ordinal) ? " (injected error)" : "")}";
    }

    public void Add(bool lane, int code, string body)
    {
        var path = PathOf(code, body);
        lock (_gate)
        {
            _counts[(lane, path)] = _counts.GetValueOrDefault((lane, path)) + 1;
        }
    }

    /// <summary>One line per lane, e.g. <c>plain 20× mocka(base) → mockb(base)</c>; empty when nothing was sent.</summary>
    public IReadOnlyList<string> Drain()
    {
        Dictionary<(bool Lane, string Path), int> taken;
        lock (_gate)
        {
            taken = _counts;
            _counts = [];
        }

        var lines = new List<string>();
        foreach (var lane in new[] { false, true })
        {
            var entries = taken.Where(p => p.Key.Lane == lane).OrderByDescending(p => p.Value).Select(p => $"{p.Value}× {p.Key.Path}").ToList();
            if (entries.Count > 0)
            {
                lines.Add(new StringBuilder(lane ? "my-request-id: canary " : "no header             ").Append(string.Join(", ", entries)).ToString());
            }
        }

        return lines;
    }

    [GeneratedRegex(@"-> ([\w-]+)\(version: ([^,]*),")]
    private static partial Regex Hop();
}
