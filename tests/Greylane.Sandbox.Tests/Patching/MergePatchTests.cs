using Greylane.Sandbox.Patching;

namespace Greylane.Sandbox.Patching.Tests;

/// <summary>RFC 7386, Appendix A, plus the top-level cases where kube-apiserver (evanphx/json-patch) refuses the patch.</summary>
public sealed class MergePatchTests
{
    [Theory]
    [InlineData("""{"a":"b"}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"b":"c"}""", """{"a":"b","b":"c"}""")]
    [InlineData("""{"a":"b"}""", """{"a":null}""", """{}""")]
    [InlineData("""{"a":"b","b":"c"}""", """{"a":null}""", """{"b":"c"}""")]
    [InlineData("""{"a":["b"]}""", """{"a":"c"}""", """{"a":"c"}""")]
    [InlineData("""{"a":"c"}""", """{"a":["b"]}""", """{"a":["b"]}""")]
    [InlineData("""{"a":{"b":"c"}}""", """{"a":{"b":"d","c":null}}""", """{"a":{"b":"d"}}""")]
    [InlineData("""{"a":[{"b":"c"}]}""", """{"a":[1]}""", """{"a":[1]}""")]
    [InlineData("""["a","b"]""", """["c","d"]""", """["c","d"]""")]
    [InlineData("""{"a":"b"}""", """["c"]""", """["c"]""")]
    [InlineData("""{"e":null}""", """{"a":1}""", """{"e":null,"a":1}""")]
    [InlineData("""[1,2]""", """{"a":"b","c":null}""", """{"a":"b"}""")]
    [InlineData("""{}""", """{"a":{"bb":{"ccc":null}}}""", """{"a":{"bb":{}}}""")]
    [InlineData("""{"a":{"x":1}}""", """{"a":"bar"}""", """{"a":"bar"}""")]
    public void Rfc_7386_examples_apply(string target, string patch, string expected) =>
        Json.Equal(expected, MergePatch.Apply(Json.Node(target), Json.Node(patch)));

    [Theory]
    [InlineData("\"bar\"")]
    [InlineData("42")]
    public void A_scalar_patch_document_is_refused_as_the_api_server_refuses_it(string patch)
    {
        var error = Assert.Throws<PatchException>(() => MergePatch.Apply(Json.Node("""{"a":"foo"}"""), Json.Node(patch)));

        Assert.Equal(400, error.Code);
        Assert.Equal("Invalid JSON Patch", error.Message);
    }

    [Fact]
    public void A_custom_resource_merge_patch_as_helm_sends_it_changes_only_what_it_names()
    {
        var virtualService = Json.Node("""
            {"apiVersion":"networking.istio.io/v1","kind":"VirtualService",
             "metadata":{"name":"shop","labels":{"app.kubernetes.io/managed-by":"Helm"},"annotations":{"meta.helm.sh/release-name":"shop"}},
             "spec":{"hosts":["shop"],"http":[{"route":[{"destination":{"host":"shop","subset":"stable"},"weight":100}]}]}}
            """);
        var patch = Json.Node("""{"metadata":{"annotations":{"greylane.dev/note":null}},"spec":{"hosts":["shop","shop.example.com"]}}""");

        var result = MergePatch.Apply(virtualService, patch);

        Json.Equal("""["shop","shop.example.com"]""", result["spec"]!["hosts"]);
        Json.Equal("""[{"route":[{"destination":{"host":"shop","subset":"stable"},"weight":100}]}]""", result["spec"]!["http"]);
        Json.Equal("""{"meta.helm.sh/release-name":"shop"}""", result["metadata"]!["annotations"]);
        Json.Equal("""["shop"]""", virtualService["spec"]!["hosts"]);
    }
}
