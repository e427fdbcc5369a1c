using Greylane.Cli.Plan;

namespace Greylane.Cli.Plan.Tests;

public sealed class UnifiedDiffTests
{
    [Fact]
    public void Equal_texts_have_no_diff() => Assert.Empty(UnifiedDiff.Of("a\nb\n", "a\nb\n", "old", "new"));

    [Fact]
    public void Changes_come_in_hunks_with_three_lines_of_context()
    {
        var old = string.Join('\n', Enumerable.Range(1, 12).Select(i => $"line {i}")) + "\n";
        var changed = old.Replace("line 2\n", "line two\n", StringComparison.Ordinal).Replace("line 11\n", "line 11\nline 11b\n", StringComparison.Ordinal);

        var diff = UnifiedDiff.Of(old, changed, "a", "b");

        Assert.Equal(
            "--- a\n+++ b\n@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two\n line 3\n line 4\n line 5\n@@ -9,4 +9,5 @@\n line 9\n line 10\n line 11\n+line 11b\n line 12\n",
            diff);
    }

    [Fact]
    public void A_new_object_is_all_additions()
    {
        Assert.Equal("--- /dev/null\n+++ b\n@@ -0,0 +1,2 @@\n+x\n+y\n", UnifiedDiff.Of("", "x\ny\n", "/dev/null", "b"));
    }
}
