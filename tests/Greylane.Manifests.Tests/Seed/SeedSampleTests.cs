using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Seed.Tests;

public sealed class SeedSampleTests
{
    private static readonly RenderedManifests Article = RenderedManifests.Parse(SeedArticle.Objects);

    [Theory]
    [InlineData("Service", "mocka")]
    [InlineData("Service", "mockb")]
    [InlineData("DestinationRule", "dr-mocka")]
    [InlineData("DestinationRule", "dr-mockb")]
    [InlineData("VirtualService", "vs-mocka")]
    [InlineData("VirtualService", "vs-mockb")]
    public void Sample_holds_the_article_object_unchanged(string kind, string name)
    {
        var expected = Article.Single(kind, name);
        var actual = Sample().Single(kind, name);

        Assert.Equal("e2e", RenderedManifests.Namespace(actual));
        Assert.Equal(ManifestJson.Text(expected["apiVersion"]), ManifestJson.Text(actual["apiVersion"]));
        Assert.True(JsonNode.DeepEquals(expected["spec"], actual["spec"]), $"{kind} {name}: {actual["spec"]!.ToJsonString()}");
        Assert.True(JsonNode.DeepEquals(expected["metadata"]!["labels"], actual["metadata"]!["labels"]));
    }

    [Fact]
    public void Sample_gateway_is_the_article_gateway_under_the_name_vs_mocka_binds_to()
    {
        var gateway = Sample().Single("Gateway", "simple-gateway");

        Assert.True(JsonNode.DeepEquals(Article.Single("Gateway", "gateway")["spec"], gateway["spec"]));
        Assert.Equal("simple-gateway", ManifestJson.Text(Sample().Single("VirtualService", "vs-mocka")["spec"]!["gateways"]![0]));
    }

    [Fact]
    public void Sample_namespace_e2e_has_sidecar_injection() =>
        Assert.Equal("enabled", ManifestJson.Text(Sample().Single("Namespace", "e2e")["metadata"]!["labels"]!["istio-injection"]));

    [Theory]
    [InlineData("mocka", "http://mockb:8000/")]
    [InlineData("mockb", null)]
    public void Sample_deployment_is_the_article_deployment_opted_in(string app, string? upstream)
    {
        var deployment = Sample().Single("Deployment", $"{app}-base");
        var pod = deployment["spec"]!["template"]!;
        var container = pod["spec"]!["containers"]![0]!;
        var env = container["env"]!.AsArray().ToDictionary(e => ManifestJson.Text(e!["name"])!, e => ManifestJson.Text(e!["value"]));

        Assert.Equal("true", ManifestJson.Text(deployment["metadata"]!["annotations"]!["greylane.dev/enabled"]));
        Assert.Equal(1, ManifestJson.Whole(deployment["spec"]!["replicas"]));
        Assert.Equal(app, ManifestJson.Text(deployment["spec"]!["selector"]!["matchLabels"]!["app"]));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["app"] = app, ["version"] = "base" }, pod["metadata"]!["labels"]));
        Assert.Equal("default", ManifestJson.Text(container["name"]));
        Assert.Equal(8000, ManifestJson.Whole(container["ports"]![0]!["containerPort"]));
        Assert.Equal(app, env["APP"]);
        Assert.Equal("base", env["VERSION"]);
        Assert.Equal(upstream, env.GetValueOrDefault("upstream_url"));
    }

    [Theory]
    [InlineData("mocka")]
    [InlineData("mockb")]
    public void Sample_strategy_is_valid_and_says_what_the_article_rollout_and_traffic_routing_say(string app)
    {
        var text = ManifestJson.Text(Sample().Single("Deployment", $"{app}-base")["metadata"]!["annotations"]!["greylane.dev/strategy"]);

        var result = StrategyReader.Read(text);

        Assert.Empty(result.Errors);
        var strategy = result.Strategy!;
        Assert.Equal(new Dictionary<string, string> { ["istio.service.tag"] = "gray", ["version"] = "canary" }, strategy.CanaryLabels);
        Assert.Equal(app, strategy.Traffic.Service);
        Assert.Equal([$"vs-{app}"], strategy.Traffic.Istio.VirtualServices);
        Assert.Equal($"dr-{app}", strategy.Traffic.Istio.DestinationRule);
        Assert.Equal(new LaneSpec("my-request-id", "canary", null), strategy.Traffic.Lane);
        var step = Assert.Single(strategy.Steps);
        Assert.Equal(ReplicaCount.Of(1), step.Replicas);
        Assert.Null(step.Weight);
        Assert.True(step.Pause.IsManual);
        var header = Assert.Single(Assert.Single(step.Matches).Headers);
        Assert.Equal(new StringMatchSpec("my-request-id", "canary", MatchKind.Exact), header);
    }

    private static RenderedManifests Sample() => RenderedManifests.Parse(Rendered.Seed);
}
