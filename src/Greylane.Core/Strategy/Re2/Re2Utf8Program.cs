namespace Greylane.Core.Strategy.Re2;

/// <summary>
/// How many RE2 byte-range instructions a character class compiles to in UTF-8 mode: RE2's compiler splits each
/// rune range into UTF-8 byte sequences, shares common suffixes through a cache and common prefixes through a trie,
/// and this follows the same steps (re2/compile.cc, forward mode) so the estimate matches what Envoy compiles.
/// </summary>
internal sealed class Re2Utf8Program
{
    private readonly List<Inst> _insts = [new(0, 0, 0, 0, IsAlt: false)]; // instruction 0 means "none", as in RE2
    private readonly Dictionary<(byte Lo, byte Hi, int Next), int> _cache = [];
    private int _begin;

    /// <summary>Instructions for the sorted, disjoint ranges; ranges wholly inside A-Z are skipped when the class folds ASCII (RE2 marks the rest with a fold flag).</summary>
    public static int Count(IReadOnlyList<(int Lo, int Hi)> ranges, bool foldsAscii)
    {
        var program = new Re2Utf8Program();
        foreach (var (lo, hi) in ranges)
        {
            if (!(foldsAscii && lo >= 'A' && hi <= 'Z'))
            {
                program.AddRange(lo, hi);
            }
        }

        return program.Reachable();
    }

    private void AddRange(int lo, int hi)
    {
        if (lo > hi)
        {
            return;
        }

        if (lo == 0x80 && hi == 0x10FFFF)
        {
            // RE2's shortcut for 80-10FFFF (as in "." and "[^a]"): three sequences sharing continuation bytes.
            var cont1 = Uncached(0x80, 0xBF, 0);
            AddSuffix(Uncached(0xC2, 0xDF, cont1));
            var cont2 = Uncached(0x80, 0xBF, cont1);
            AddSuffix(Uncached(0xE0, 0xEF, cont2));
            var cont3 = Uncached(0x80, 0xBF, cont2);
            AddSuffix(Uncached(0xF0, 0xF4, cont3));
            return;
        }

        foreach (var max in (ReadOnlySpan<int>)[0x7F, 0x7FF, 0xFFFF])
        {
            if (lo <= max && max < hi)
            {
                AddRange(lo, max);
                AddRange(max + 1, hi);
                return;
            }
        }

        if (hi < 0x80)
        {
            AddSuffix(Uncached((byte)lo, (byte)hi, 0));
            return;
        }

        for (var i = 1; i < 4; i++)
        {
            var m = (1 << (6 * i)) - 1;
            if ((lo & ~m) != (hi & ~m))
            {
                if ((lo & m) != 0)
                {
                    AddRange(lo, lo | m);
                    AddRange((lo | m) + 1, hi);
                    return;
                }

                if ((hi & m) != m)
                {
                    AddRange(lo, (hi & ~m) - 1);
                    AddRange(hi & ~m, hi);
                    return;
                }
            }
        }

        var low = Utf8(lo);
        var high = Utf8(hi);
        var id = 0;
        for (var i = low.Length - 1; i >= 0; i--)
        {
            // Forward mode: the last continuation byte and middle byte ranges are cached, the leading byte never.
            id = i == low.Length - 1 || (low[i] < high[i] && i != 0) ? Cached(low[i], high[i], id) : Uncached(low[i], high[i], id);
        }

        AddSuffix(id);
    }

    private int Uncached(byte lo, byte hi, int next)
    {
        _insts.Add(new Inst(lo, hi, next, 0, IsAlt: false));
        return _insts.Count - 1;
    }

    private int Cached(byte lo, byte hi, int next)
    {
        if (_cache.TryGetValue((lo, hi, next), out var id))
        {
            return id;
        }

        id = Uncached(lo, hi, next);
        _cache[(lo, hi, next)] = id;
        return id;
    }

    private bool IsCached(int id) => _cache.ContainsKey((_insts[id].Lo, _insts[id].Hi, _insts[id].Out));

    private void AddSuffix(int id) => _begin = _begin == 0 ? id : AddSuffixRecursive(_begin, id);

    // The trie step: a suffix whose leading byte range equals the root's (or the newest alternative's) shares it.
    private int AddSuffixRecursive(int root, int id)
    {
        int br;
        var viaAlt = false;
        if (!_insts[root].IsAlt)
        {
            if (!SameRange(root, id))
            {
                return Alt(root, id);
            }

            br = root;
        }
        else
        {
            if (!SameRange(_insts[root].Out1, id))
            {
                return Alt(root, id);
            }

            br = _insts[root].Out1;
            viaAlt = true;
        }

        if (IsCached(br))
        {
            // A cached suffix may be shared, so the shared head is cloned before it is changed.
            _insts.Add(_insts[br]);
            var clone = _insts.Count - 1;
            if (viaAlt)
            {
                _insts[root] = _insts[root] with { Out1 = clone };
            }
            else
            {
                root = clone;
            }

            br = clone;
        }

        var outOfId = _insts[id].Out;
        if (!IsCached(id) && id == _insts.Count - 1)
        {
            _insts.RemoveAt(id); // RE2 frees the newest instruction rather than leave it unreachable
        }

        var next = AddSuffixRecursive(_insts[br].Out, outOfId);
        _insts[br] = _insts[br] with { Out = next };
        return root;
    }

    private int Alt(int first, int second)
    {
        _insts.Add(new Inst(0, 0, first, second, IsAlt: true));
        return _insts.Count - 1;
    }

    private bool SameRange(int a, int b) => !_insts[a].IsAlt && _insts[a].Lo == _insts[b].Lo && _insts[a].Hi == _insts[b].Hi;

    private int Reachable()
    {
        var seen = new HashSet<int>();
        var count = 0;
        var stack = new Stack<int>();
        stack.Push(_begin);
        while (stack.Count > 0)
        {
            var id = stack.Pop();
            if (id == 0 || !seen.Add(id))
            {
                continue;
            }

            var inst = _insts[id];
            if (inst.IsAlt)
            {
                stack.Push(inst.Out);
                stack.Push(inst.Out1);
            }
            else
            {
                count++;
                stack.Push(inst.Out);
            }
        }

        return count;
    }

    // RE2's runetochar: surrogate code points too are written as three bytes.
    private static byte[] Utf8(int rune) => rune switch
    {
        < 0x80 => [(byte)rune],
        < 0x800 => [(byte)(0xC0 | (rune >> 6)), Continuation(rune, 0)],
        < 0x10000 => [(byte)(0xE0 | (rune >> 12)), Continuation(rune, 6), Continuation(rune, 0)],
        _ => [(byte)(0xF0 | (rune >> 18)), Continuation(rune, 12), Continuation(rune, 6), Continuation(rune, 0)],
    };

    private static byte Continuation(int rune, int shift) => (byte)(0x80 | ((rune >> shift) & 0x3F));

    private readonly record struct Inst(byte Lo, byte Hi, int Out, int Out1, bool IsAlt);
}
