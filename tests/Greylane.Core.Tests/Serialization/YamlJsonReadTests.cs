using Greylane.Core.Serialization;
using YamlDotNet.Core;

namespace Greylane.Core.Serialization.Tests;

public sealed class YamlJsonReadTests
{
    [Fact]
    public void Manifests_read_with_their_aliases_expanded()
    {
        var documents = YamlJson.ParseAll("base: &b {app: web}\ncopy: *b\n---\n\n---\n- &n 3\n- *n\n");

        Assert.Equal(2, documents.Count);
        Assert.Equal("""{"base":{"app":"web"},"copy":{"app":"web"}}""", documents[0]!.ToJsonString());
        Assert.Equal("[3,3]", documents[1]!.ToJsonString());
    }

    [Fact]
    public void Anchors_belong_to_their_own_document()
    {
        var error = Assert.Throws<YamlException>(() => YamlJson.ParseAll("a: &x 1\n---\nb: *x"));

        Assert.Contains("the alias *x names no anchor defined before it", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, error.Start.Line);
    }

    [Fact]
    public void A_billion_laughs_is_refused_before_it_is_expanded()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 10; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        var error = Assert.Throws<YamlLimitException>(() => YamlJson.ParseAll(string.Join("\n", lines)));

        Assert.Equal(YamlLimit.AliasExpansion, error.Limit);
        Assert.True(error.Start.Line <= 4, $"refused at line {error.Start.Line}");
    }

    [Fact]
    public void Nesting_past_the_bound_is_refused_without_recursion()
    {
        var text = new string('[', 200_000) + new string(']', 200_000);

        var error = Assert.Throws<YamlLimitException>(() => YamlJson.ParseAll(text));

        Assert.Equal(YamlLimit.Depth, error.Limit);
        Assert.Equal(YamlReadOptions.Manifests.MaxDepth + 1, error.Start.Column);
    }

    [Theory]
    [InlineData("\t\t: x", 1, 1, "a tab indents this line (YAML indents with spaces only)")]
    [InlineData("a: 1\nb:\n- \t\t: x", 3, 3, "a tab indents this line (YAML indents with spaces only)")]
    [InlineData("!<> a", 1, 1, "cannot read what follows (Tag value must not be empty)")]
    [InlineData("a: 1\na: 2", 2, 1, "Duplicate key a")]
    [InlineData("[a]: b", 1, 1, "mapping keys must be plain strings")]
    [InlineData("a: \"x", 1, 4, "While scanning a quoted scalar, found unexpected end of stream")]
    public void Input_the_parser_cannot_read_is_a_yaml_exception_with_a_place(string text, int line, int column, string reason)
    {
        var error = Assert.ThrowsAny<YamlException>(() => YamlJson.ParseAll(text));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        Assert.Equal((line, column), ((int)error.Start.Line, (int)error.Start.Column));
    }
}
