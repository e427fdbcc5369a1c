using System.Text.Json.Nodes;
using Greylane.Sandbox.Patching;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Patching.Tests;

/// <summary>Strategic merge refusals (custom resources, malformed directives) and purity, with kube-apiserver's codes and wording.</summary>
public sealed class StrategicMergeErrorTests
{
    private static readonly ResourceType VirtualServices =
        new("networking.istio.io", "v1", "virtualservices", "VirtualService", true, ["vs"], []);

    private static JsonObject Patch(string patch) => StrategicMergePatchTests.Patch(patch);

    [Fact]
    public void Set_element_order_that_contradicts_the_patch_list_is_refused()
    {
        var error = Assert.Throws<PatchException>(() => Patch("""
            {"spec":{"template":{"spec":{
              "$setElementOrder/containers":[{"name":"app"},{"name":"proxy"}],
              "containers":[{"name":"proxy","image":"envoy:2"},{"name":"app","image":"shop:2"}]}}}}
            """));

        // Worded as kubectl patch --local prints apimachinery's error for the same patch.
        Assert.Equal(
            "The order in patch list:\n[map[image:envoy:2 name:proxy] map[image:shop:2 name:app]]\n doesn't match $setElementOrder list:\n[map[name:app] map[name:proxy]]\n",
            error.Message);
    }

    [Fact]
    public void Retain_keys_that_omit_a_key_the_patch_sets_is_a_bad_request()
    {
        var error = Assert.Throws<PatchException>(() => Patch("""{"spec":{"strategy":{"$retainKeys":["type"],"type":"RollingUpdate","rollingUpdate":{"maxSurge":1}}}}"""));

        Assert.Equal(400, error.Code);
        Assert.Equal("invalid patch format of retainKeys", error.Message);
    }

    [Fact]
    public void Inputs_are_never_changed()
    {
        var target = Json.Object(StrategicMergePatchTests.Deployment);
        var patch = Json.Object("""{"spec":{"template":{"spec":{"$setElementOrder/containers":[{"name":"app"}],"containers":[{"name":"proxy","$patch":"delete"}]}}}}""");
        var (targetText, patchText) = (target.ToJsonString(), patch.ToJsonString());

        StrategicMergePatch.Apply(target, patch, BuiltInResources.Deployments);

        Assert.Equal(targetText, target.ToJsonString());
        Assert.Equal(patchText, patch.ToJsonString());
    }

    [Fact]
    public void Custom_resources_are_refused_with_415_as_kube_apiserver_does()
    {
        var error = Assert.Throws<PatchException>(() => StrategicMergePatch.Apply(Json.Object("{}"), Json.Object("""{"spec":{}}"""), VirtualServices));

        Assert.Equal(415, error.Code);
        Assert.Equal("UnsupportedMediaType", error.Reason);
        Assert.Equal(
            "the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml",
            error.Message);
    }

    [Theory]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"image":"x"}]}}}}""", 500, "map: map[image:x] does not contain declared merge key: name")]
    [InlineData("""{"spec":{"template":{"spec":{"containers":[{"name":"app","$patch":"merge"}]}}}}""", 500, "merging lists cannot yet be specified in the patch")]
    [InlineData("""{"metadata":{"labels":{"$patch":"frobnicate"}}}""", 500, "unknown patch type: frobnicate in map: map[$patch:frobnicate]")]
    [InlineData("""{"metadata":{"finalizers":[["x"]]}}""", 500, "list element types are not identical: [[a.example/x] [[x]]]")]
    [InlineData("""{"spec":{"template":{"spec":{"$setElementOrder/containers":{"name":"app"}}}}}""", 400, "invalid patch format of setElementOrder list")]
    [InlineData("""{"spec":{"strategy":{"$retainKeys":"type"}}}""", 400, "invalid patch format of retainKeys")]
    public void Bad_patches_get_the_real_servers_code_and_wording(string patch, int code, string message)
    {
        var error = Assert.Throws<PatchException>(() => Patch(patch));

        Assert.Equal(code, error.Code);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_new_list_is_taken_from_the_patch_without_directives()
    {
        var target = Json.Object("""{"metadata":{"name":"p"},"spec":{}}""");
        var patch = Json.Object("""{"spec":{"containers":[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"},{"name":"Y","$patch":"delete"}]}]}}""");

        var result = StrategicMergePatch.Apply(target, patch, BuiltInResources.Pods);

        Json.Equal("""[{"name":"a","image":"a:1","env":[{"name":"X","value":"1"}]}]""", result["spec"]!["containers"]);
    }

    [Fact]
    public void A_list_of_lists_is_refused_with_422()
    {
        var target = Json.Object("""{"metadata":{"name":"p","finalizers":[]}}""");

        var error = Assert.Throws<PatchException>(() =>
            StrategicMergePatch.Apply(target, Json.Object("""{"metadata":{"finalizers":[["x"]]}}"""), BuiltInResources.Pods));

        Assert.Equal(422, error.Code);
        Assert.Equal("lists of lists are not supported", error.Cause);
    }
}
