using System.Text;

namespace Greylane.Core.Strategy.Re2;

/// <summary>The runes of one class as RE2 builds it (ranges, case folding, negation), for the size of its program.</summary>
internal sealed class Re2CharClass
{
    private const int MaxRune = 0x10FFFF;

    // Every rune with another case and the runes it folds with (its orbit: k, K and the Kelvin sign; σ, ς and Σ),
    // found once per process by grouping runes on upper(lower(rune)); folding a range is then a binary search.
    private static readonly Lazy<(int Rune, int[] Others)[]> CaseVariants = new(BuildCaseVariants);

    private readonly List<(int Lo, int Hi)> _ranges = [];
    private long _namedInstructions;

    /// <summary>Adds <paramref name="lo"/>–<paramref name="hi"/>, with the other case of each letter under <c>(?i)</c>.</summary>
    public void Add(int lo, int hi, bool fold)
    {
        _ranges.Add((lo, hi));
        if (!fold)
        {
            return;
        }

        var table = CaseVariants.Value;
        var at = FirstAtOrAfter(table, lo);
        for (; at < table.Length && table[at].Rune <= hi; at++)
        {
            foreach (var other in table[at].Others)
            {
                _ranges.Add((other, other));
            }
        }
    }

    /// <summary>A class of known ranges (<c>\d</c>, <c>[:alpha:]</c>), or every rune outside them.</summary>
    public void AddGroup(IEnumerable<(int Lo, int Hi)> group, bool negated, bool fold)
    {
        var inner = new Re2CharClass();
        foreach (var (lo, hi) in group)
        {
            inner.Add(lo, hi, fold);
        }

        if (negated)
        {
            inner.Negate();
        }

        _ranges.AddRange(inner._ranges);
    }

    /// <summary>A named class RE2 knows only by its tables: its measured size is added on top.</summary>
    public void AddNamed(int instructions) => _namedInstructions += instructions;

    /// <summary><c>[^…]</c>: every rune not in the class.</summary>
    public void Negate()
    {
        var merged = Merged();
        _ranges.Clear();
        var next = 0;
        foreach (var (lo, hi) in merged)
        {
            if (next < lo)
            {
                _ranges.Add((next, lo - 1));
            }

            next = hi + 1;
        }

        if (next <= MaxRune)
        {
            _ranges.Add((next, MaxRune));
        }
    }

    public Re2Size Size()
    {
        var merged = Merged();
        return Re2Size.Of(Re2Utf8Program.Count(merged, FoldsAscii(merged)) + _namedInstructions);
    }

    /// <summary>The runes a literal matches under <c>(?i)</c>, as a class (RE2 turns such literals into classes).</summary>
    public static Re2Size FoldedLiteral(int rune)
    {
        var folded = new Re2CharClass();
        folded.Add(rune, rune, fold: true);
        return folded.Size();
    }

    /// <summary>The runes <paramref name="rune"/> matches under <c>(?i)</c>, besides itself.</summary>
    public static IReadOnlyList<int> FoldsOf(int rune)
    {
        var table = CaseVariants.Value;
        var at = FirstAtOrAfter(table, rune);
        return at < table.Length && table[at].Rune == rune ? table[at].Others : [];
    }

    private static (int Rune, int[] Others)[] BuildCaseVariants()
    {
        // Every cased letter lies below U+1FFFF (the last are Adlam's, U+1E900–U+1E943).
        var orbits = new Dictionary<int, List<int>>();
        for (var rune = 0; rune <= 0x1FFFF; rune++)
        {
            if (!Rune.IsValid(rune))
            {
                continue;
            }

            var key = Rune.ToUpperInvariant(Rune.ToLowerInvariant(new Rune(rune))).Value;
            if (!orbits.TryGetValue(key, out var orbit))
            {
                orbits[key] = orbit = [];
            }

            orbit.Add(rune);
        }

        return [.. orbits.Values.Where(o => o.Count > 1)
            .SelectMany(o => o.Select(r => (Rune: r, Others: o.Where(x => x != r).ToArray())))
            .OrderBy(v => v.Rune)];
    }

    private static int FirstAtOrAfter((int Rune, int[] Others)[] table, int rune)
    {
        var (lo, hi) = (0, table.Length);
        while (lo < hi)
        {
            var mid = (lo + hi) / 2;
            (lo, hi) = table[mid].Rune < rune ? (mid + 1, hi) : (lo, mid);
        }

        return lo;
    }

    private List<(int Lo, int Hi)> Merged()
    {
        var merged = new List<(int Lo, int Hi)>();
        foreach (var (lo, hi) in _ranges.OrderBy(r => r.Lo))
        {
            if (merged.Count > 0 && lo <= merged[^1].Hi + 1)
            {
                merged[^1] = (merged[^1].Lo, Math.Max(merged[^1].Hi, hi));
            }
            else
            {
                merged.Add((lo, hi));
            }
        }

        return merged;
    }

    // RE2 drops A-Z and marks the rest "fold ASCII" when the class treats upper and lower case letters alike.
    private static bool FoldsAscii(List<(int Lo, int Hi)> merged)
    {
        bool Contains(int rune) => merged.Any(r => r.Lo <= rune && rune <= r.Hi);
        var any = false;
        for (var c = 'a'; c <= 'z'; c++)
        {
            var lower = Contains(c);
            if (lower != Contains(char.ToUpperInvariant(c)))
            {
                return false;
            }

            any |= lower;
        }

        return any;
    }
}
