using System.Text.Json.Nodes;
using Greylane.Core.Ownership;

namespace Greylane.Core.Ownership.Tests;

public sealed class MergePatchTests
{
    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static void AssertJson(string expected, JsonObject? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"expected {expected}, got {actual?.ToJsonString()}");

    [Fact]
    public void Only_changed_members_are_in_the_patch_with_the_live_resourceVersion()
    {
        var live = Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","resourceVersion":"7","labels":{"app":"web"}},"spec":{"ports":[{"port":80}],"selector":{"app":"web"}},"status":{}}""");
        var wanted = Parse("""{"apiVersion":"v1","kind":"Service","metadata":{"name":"web","resourceVersion":"7","labels":{"app":"web"}},"spec":{"ports":[{"port":80}],"selector":{"app":"web","pod-template-hash":"abc"}}}""");

        var patch = MergePatch.Between(live, wanted);

        AssertJson("""{"spec":{"selector":{"pod-template-hash":"abc"}},"metadata":{"resourceVersion":"7"}}""", patch);
    }

    [Fact]
    public void Removed_members_become_nulls_and_lists_are_sent_whole()
    {
        var live = Parse("""{"metadata":{"name":"vs","resourceVersion":"3","annotations":{"greylane.dev/origin":"{}","team":"a"}},"spec":{"hosts":["web"],"http":[{"name":"greylane-1"},{"route":[]}]}}""");
        var wanted = Parse("""{"metadata":{"name":"vs","annotations":{"team":"a"}},"spec":{"hosts":["web"],"http":[{"route":[]}]}}""");

        var patch = MergePatch.Between(live, wanted);

        AssertJson("""{"spec":{"http":[{"route":[]}]},"metadata":{"annotations":{"greylane.dev/origin":null},"resourceVersion":"3"}}""", patch);
    }

    [Fact]
    public void Equal_objects_need_no_patch_whatever_their_bookkeeping()
    {
        var live = Parse("""{"metadata":{"name":"dr","resourceVersion":"3","generation":2,"managedFields":[{"manager":"helm"}]},"spec":{"host":"web"},"status":{"x":1}}""");
        var wanted = Parse("""{"metadata":{"name":"dr"},"spec":{"host":"web"}}""");

        Assert.Null(MergePatch.Between(live, wanted));
    }
}
