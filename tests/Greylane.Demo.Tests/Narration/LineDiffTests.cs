using Greylane.Demo.Narration;

namespace Greylane.Demo.Narration.Tests;

public sealed class LineDiffTests
{
    [Fact]
    public void Added_and_removed_lines_are_marked_and_the_rest_kept_in_place()
    {
        var lines = LineDiff.Mark("http:\n- route: base\n", "http:\n- match: canary\n- route: base\n");

        Assert.Equal(["  http:", "+ - match: canary", "  - route: base"], lines);
    }

    [Fact]
    public void A_changed_line_is_shown_removed_then_added()
    {
        Assert.Equal(["- weight: 100", "+ weight: 80"], LineDiff.Mark("weight: 100", "weight: 80"));
    }
}
