using System.Text;

namespace Greylane.Cli.Plan;

/// <summary>A unified diff (<c>---</c>/<c>+++</c>/<c>@@</c> hunks with 3 lines of context) between two texts, line by line.</summary>
internal static class UnifiedDiff
{
    private const int Context = 3;

    /// <summary>The diff, or an empty string when the texts are equal.</summary>
    public static string Of(string oldText, string newText, string oldLabel, string newLabel)
    {
        var a = Lines(oldText);
        var b = Lines(newText);
        var edits = Edits(a, b);
        if (edits.All(e => e.Kind == ' '))
        {
            return "";
        }

        var text = new StringBuilder();
        text.Append("--- ").Append(oldLabel).Append('\n').Append("+++ ").Append(newLabel).Append('\n');
        foreach (var (start, end) in Hunks(edits))
        {
            var oldStart = edits[start].OldLine;
            var newStart = edits[start].NewLine;
            var oldCount = 0;
            var newCount = 0;
            for (var i = start; i < end; i++)
            {
                oldCount += edits[i].Kind != '+' ? 1 : 0;
                newCount += edits[i].Kind != '-' ? 1 : 0;
            }

            text.Append($"@@ -{Range(oldStart, oldCount)} +{Range(newStart, newCount)} @@\n");
            for (var i = start; i < end; i++)
            {
                text.Append(edits[i].Kind).Append(edits[i].Text).Append('\n');
            }
        }

        return text.ToString();
    }

    private static string[] Lines(string text) => text.Length == 0 ? [] : text.TrimEnd('\n').Split('\n');

    // GNU diff's convention: an empty range is written as the line before it.
    private static string Range(int start, int count) => count == 0 ? $"{start - 1},0" : count == 1 ? $"{start}" : $"{start},{count}";

    private readonly record struct Edit(char Kind, string Text, int OldLine, int NewLine);

    // Longest common subsequence by dynamic programming: manifests are small, so O(n·m) is fine.
    private static List<Edit> Edits(string[] a, string[] b)
    {
        var lcs = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                lcs[i, j] = a[i] == b[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
            }
        }

        var edits = new List<Edit>();
        int x = 0, y = 0;
        while (x < a.Length || y < b.Length)
        {
            if (x < a.Length && y < b.Length && a[x] == b[y])
            {
                edits.Add(new Edit(' ', a[x], x + 1, y + 1));
                x++;
                y++;
            }
            else if (x < a.Length && (y == b.Length || lcs[x + 1, y] >= lcs[x, y + 1]))
            {
                edits.Add(new Edit('-', a[x], x + 1, y + 1));
                x++;
            }
            else
            {
                edits.Add(new Edit('+', b[y], x + 1, y + 1));
                y++;
            }
        }

        return edits;
    }

    private static IEnumerable<(int Start, int End)> Hunks(List<Edit> edits)
    {
        var changed = edits.Select((e, i) => (e, i)).Where(p => p.e.Kind != ' ').Select(p => p.i).ToList();
        var start = Math.Max(0, changed[0] - Context);
        var end = Math.Min(edits.Count, changed[0] + Context + 1);
        foreach (var index in changed.Skip(1))
        {
            if (index - Context > end)
            {
                yield return (start, end);
                start = index - Context;
            }

            end = Math.Min(edits.Count, index + Context + 1);
        }

        yield return (start, end);
    }
}
