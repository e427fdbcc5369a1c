using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Admission;

namespace Greylane.Core.Admission.Tests;

public sealed class PatchTextTests
{
    [Theory]
    [InlineData("greylane.dev/release", "greylane.dev~1release")]
    [InlineData("a~b/c", "a~0b~1c")]
    [InlineData("plain", "plain")]
    public void Keys_are_escaped_as_json_pointer_segments(string key, string escaped)
    {
        Assert.Equal(escaped, JsonPointer.Escape(key));
    }

    [Fact]
    public void Patch_is_written_as_an_rfc_6902_array()
    {
        var text = Encoding.UTF8.GetString(JsonPatchWriter.ToUtf8(
        [
            PatchOperation.Add("/metadata/labels", new JsonObject()),
            PatchOperation.Test("/spec/paused", true),
            PatchOperation.Remove("/metadata/annotations/greylane.dev~1release"),
        ]));

        Assert.Equal(
            """[{"op":"add","path":"/metadata/labels","value":{}},{"op":"test","path":"/spec/paused","value":true},{"op":"remove","path":"/metadata/annotations/greylane.dev~1release"}]""",
            text);
    }

    [Fact]
    public void Long_warnings_are_cut_to_120_characters()
    {
        var cut = WarningText.Fit(new string('x', 300));

        Assert.Equal(120, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
        Assert.Equal("short", WarningText.Fit("short"));
    }
}
