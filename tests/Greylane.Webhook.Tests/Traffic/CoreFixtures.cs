using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Serialization;
using Greylane.Testing.Repository;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>The expected objects of the Core transform fixtures (<c>tests/Greylane.Core.Tests/Traffic/Fixtures</c>), compared with live ones.</summary>
internal static class CoreFixtures
{
    /// <summary>The object named <paramref name="name"/> in fixture <paramref name="fixture"/>'s expected.yaml.</summary>
    public static JsonObject Expected(string fixture, string name) =>
        YamlJson.ParseAll(File.ReadAllText(RepositoryRoot.Combine("tests", "Greylane.Core.Tests", "Traffic", "Fixtures", fixture, "expected.yaml")))
            .OfType<JsonObject>()
            .Single(o => o["metadata"]?["name"]?.GetValue<string>() == name);

    /// <summary>Asserts that <paramref name="live"/> has the fixture's spec and origin annotation (which fixtures write as YAML).</summary>
    public static void AssertMatches(JsonObject expected, JsonObject live)
    {
        AssertJson(expected["spec"], live["spec"], "spec");
        var origin = live["metadata"]?["annotations"]?[GreylaneKeys.Origin]?.GetValue<string>();
        AssertJson(expected["metadata"]?["annotations"]?[GreylaneKeys.Origin], origin is null ? null : JsonNode.Parse(origin), "origin annotation");
    }

    public static void AssertJson(JsonNode? expected, JsonNode? actual, string what) =>
        Assert.True(
            JsonNode.DeepEquals(expected, actual),
            $"{what} differs\nexpected: {expected?.ToJsonString() ?? "null"}\nactual:   {actual?.ToJsonString() ?? "null"}");

    /// <summary>What restore must give back exactly: spec, labels and annotations.</summary>
    public static JsonObject Essence(JsonObject obj) => new()
    {
        ["labels"] = obj["metadata"]?["labels"]?.DeepClone(),
        ["annotations"] = obj["metadata"]?["annotations"]?.DeepClone(),
        ["spec"] = obj["spec"]?.DeepClone(),
    };
}
