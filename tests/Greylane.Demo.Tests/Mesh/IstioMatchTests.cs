using System.Text.Json.Nodes;
using Greylane.Demo.Mesh;

namespace Greylane.Demo.Mesh.Tests;

public sealed class IstioMatchTests
{
    [Theory]
    [InlineData("""{"route":[]}""", null, true)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"exact":"canary"}}}]}""", "canary", true)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"exact":"canary"}}}]}""", "canary-2", false)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"exact":"canary"}}}]}""", null, false)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"prefix":"can"}}}]}""", "canary", true)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"regex":"can.*"}}}]}""", "canary", true)]
    [InlineData("""{"match":[{"headers":{"my-request-id":{"regex":"ana"}}}]}""", "canary", false)]
    [InlineData("""{"match":[{"headers":{"other":{"exact":"x"}}},{"headers":{"my-request-id":{"exact":"canary"}}}]}""", "canary", true)]
    public void A_route_matches_the_lane_header_as_Istio_would(string route, string? lane, bool matches)
    {
        var result = IstioMatch.Route(JsonNode.Parse(route)!.AsObject(), name => name == "my-request-id" ? lane : null, _ => null, "/");

        Assert.Equal(matches, result);
    }

    [Fact]
    public void Every_condition_of_one_match_entry_must_hold()
    {
        var route = JsonNode.Parse("""{"match":[{"headers":{"my-request-id":{"exact":"canary"}},"uri":{"prefix":"/api"}}]}""")!.AsObject();

        Assert.True(IstioMatch.Route(route, _ => "canary", _ => null, "/api/x"));
        Assert.False(IstioMatch.Route(route, _ => "canary", _ => null, "/"));
    }
}
