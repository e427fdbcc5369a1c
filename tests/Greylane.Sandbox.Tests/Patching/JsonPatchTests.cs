using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Patching.Tests;

/// <summary>RFC 6902, Appendix A examples, and the atomicity kube-apiserver gives JSON patches.</summary>
public sealed class JsonPatchTests
{
    [Theory]
    [InlineData("A.1 add object member", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux"}]""", """{"baz":"qux","foo":"bar"}""")]
    [InlineData("A.2 add array element", """{"foo":["bar","baz"]}""", """[{"op":"add","path":"/foo/1","value":"qux"}]""", """{"foo":["bar","qux","baz"]}""")]
    [InlineData("A.3 remove object member", """{"baz":"qux","foo":"bar"}""", """[{"op":"remove","path":"/baz"}]""", """{"foo":"bar"}""")]
    [InlineData("A.4 remove array element", """{"foo":["bar","qux","baz"]}""", """[{"op":"remove","path":"/foo/1"}]""", """{"foo":["bar","baz"]}""")]
    [InlineData("A.5 replace a value", """{"baz":"qux","foo":"bar"}""", """[{"op":"replace","path":"/baz","value":"boo"}]""", """{"baz":"boo","foo":"bar"}""")]
    [InlineData("A.6 move a value", """{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}""", """[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]""", """{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}""")]
    [InlineData("A.7 move an array element", """{"foo":["all","grass","cows","eat"]}""", """[{"op":"move","from":"/foo/1","path":"/foo/3"}]""", """{"foo":["all","cows","eat","grass"]}""")]
    [InlineData("A.8 test a value: success", """{"baz":"qux","foo":["a",2,"c"]}""", """[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]""", """{"baz":"qux","foo":["a",2,"c"]}""")]
    [InlineData("A.10 add a nested member object", """{"foo":"bar"}""", """[{"op":"add","path":"/child","value":{"grandchild":{}}}]""", """{"foo":"bar","child":{"grandchild":{}}}""")]
    [InlineData("A.11 ignore unrecognized elements", """{"foo":"bar"}""", """[{"op":"add","path":"/baz","value":"qux","xyz":123}]""", """{"foo":"bar","baz":"qux"}""")]
    [InlineData("A.14 ~ escape ordering", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":10}]""", """{"/":9,"~1":10}""")]
    [InlineData("A.16 add an array value", """{"foo":["bar"]}""", """[{"op":"add","path":"/foo/-","value":["abc","def"]}]""", """{"foo":["bar",["abc","def"]]}""")]
    [InlineData("copy", """{"a":{"b":1}}""", """[{"op":"copy","from":"/a","path":"/c"},{"op":"replace","path":"/c/b","value":2}]""", """{"a":{"b":1},"c":{"b":2}}""")]
    [InlineData("escaped annotation key", """{"metadata":{}}""", """[{"op":"add","path":"/metadata/annotations","value":{}},{"op":"add","path":"/metadata/annotations/greylane.dev~1paused-by","value":"greylane"}]""", """{"metadata":{"annotations":{"greylane.dev/paused-by":"greylane"}}}""")]
    [InlineData("numbers compare by value", """{"replicas":1}""", """[{"op":"test","path":"/replicas","value":1.0}]""", """{"replicas":1}""")]
    [InlineData("root replace", """{"a":1}""", """[{"op":"replace","path":"","value":{"b":2}}]""", """{"b":2}""")]
    public void Rfc_6902_examples_apply(string name, string document, string patch, string expected)
    {
        Assert.NotNull(name);
        Json.Equal(expected, JsonPatch.Apply(Json.Node(document), Json.Array(patch)));
    }

    [Theory]
    [InlineData("A.9 test a value: error", """{"baz":"qux"}""", """[{"op":"test","path":"/baz","value":"bar"}]""", "testing value /baz failed: test failed")]
    [InlineData("A.12 add to a nonexistent target", """{"foo":"bar"}""", """[{"op":"add","path":"/baz/bat","value":"qux"}]""", "add operation does not apply: doc is missing path: \"/baz/bat\"")]
    [InlineData("A.15 comparing strings and numbers", """{"/":9,"~1":10}""", """[{"op":"test","path":"/~01","value":"10"}]""", "testing value /~01 failed")]
    [InlineData("remove missing key", """{"a":1}""", """[{"op":"remove","path":"/b"}]""", "Unable to remove nonexistent key: b")]
    [InlineData("replace missing key", """{"a":1}""", """[{"op":"replace","path":"/b","value":1}]""", "replace operation does not apply: doc is missing key: /b")]
    [InlineData("index out of range", """{"a":[1]}""", """[{"op":"add","path":"/a/5","value":1}]""", "Unable to access invalid index: 5")]
    [InlineData("leading zero index", """{"a":[1,2]}""", """[{"op":"remove","path":"/a/01"}]""", "Unable to access invalid index: 01")]
    [InlineData("move into own child", """{"a":{"b":1}}""", """[{"op":"move","from":"/a","path":"/a/b/c"}]""", "into its own child")]
    [InlineData("bad escape", """{"a":1}""", """[{"op":"remove","path":"/a~2"}]""", "invalid escape")]
    [InlineData("unknown op", """{"a":1}""", """[{"op":"frobnicate","path":"/a"}]""", "Unexpected kind: frobnicate")]
    public void Failures_are_422_with_the_reason_in_the_cause(string name, string document, string patch, string cause)
    {
        Assert.NotNull(name);
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(Json.Node(document), Json.Array(patch)));

        Assert.Equal(422, error.Code);
        Assert.Equal("Invalid", error.Reason);
        Assert.Equal(PatchException.RejectedMessage, error.Message);
        Assert.Contains(cause, error.Cause, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""[{"op":"add","path":"/a"}]""", "missing \"value\"")]
    [InlineData("""[{"path":"/a"}]""", "missing \"op\"")]
    [InlineData("""[{"op":"add","value":1}]""", "missing the string \"path\"")]
    [InlineData("""[{"op":"move","path":"/a"}]""", "missing the string \"from\"")]
    [InlineData("""["add"]""", "cannot unmarshal string")]
    public void Malformed_operations_are_400(string patch, string expected)
    {
        var error = Assert.Throws<PatchException>(() => JsonPatch.Apply(Json.Node("""{"a":1}"""), Json.Array(patch)));

        Assert.Equal(400, error.Code);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_that_is_json_null_is_a_value()
    {
        Json.Equal("""{"a":null}""", JsonPatch.Apply(Json.Node("""{"a":1}"""), Json.Array("""[{"op":"replace","path":"/a","value":null}]""")));
    }

    [Fact]
    public void A_failing_operation_leaves_nothing_applied_and_the_input_untouched()
    {
        var document = Json.Node("""{"spec":{"paused":false,"replicas":3}}""");
        var patch = Json.Array("""
            [{"op":"replace","path":"/spec/paused","value":true},
             {"op":"remove","path":"/spec/replicas"},
             {"op":"test","path":"/spec/missing","value":1}]
            """);

        Assert.Throws<PatchException>(() => JsonPatch.Apply(document, patch));
        Json.Equal("""{"spec":{"paused":false,"replicas":3}}""", document);
    }

    [Fact]
    public void The_result_is_a_new_node()
    {
        var document = Json.Node("""{"a":{"b":1}}""");
        var value = Json.Object("""{"op":"add","path":"/a/c","value":{"d":1}}""");

        var result = JsonPatch.Apply(document, [value]);
        result["a"]!["c"]!["d"] = 2;

        Json.Equal("""{"a":{"b":1}}""", document);
        Json.Equal("""{"op":"add","path":"/a/c","value":{"d":1}}""", value);
    }
}
