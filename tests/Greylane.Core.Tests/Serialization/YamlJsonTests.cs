using System.Text.Json.Nodes;
using Greylane.Core.Serialization;

namespace Greylane.Core.Serialization.Tests;

public sealed class YamlJsonTests
{
    [Fact]
    public void Plain_scalars_follow_the_core_schema_and_quoted_ones_stay_strings()
    {
        var node = YamlJson.Parse("""
            a: 1
            b: "1"
            c: true
            d: 'true'
            e: null
            f: 0.5
            g: 5m
            h: [x, 2]
            """)!;

        var expected = JsonNode.Parse("""{"a":1,"b":"1","c":true,"d":"true","e":null,"f":0.5,"g":"5m","h":["x",2]}""");
        Assert.True(JsonNode.DeepEquals(expected, node), node.ToJsonString());
    }

    [Fact]
    public void Written_yaml_reads_back_to_the_same_json()
    {
        var original = JsonNode.Parse("""
            {"metadata":{"name":"vs-mocka","labels":{"app":"mocka","version":"1.0"}},
             "spec":{"hosts":["mocka"],"http":[{"match":[{"headers":{"my-request-id":{"exact":"canary"}}}],
             "route":[{"destination":{"host":"mocka","subset":"canary"},"weight":100}]}],
             "odd":["true","", "a: b", "- x", "#c", 12, false, null, {}, []]}}
            """);

        var yaml = YamlJson.Write(original);

        Assert.True(JsonNode.DeepEquals(original, YamlJson.Parse(yaml)), yaml);
    }

    [Fact]
    public void Duplicate_keys_are_refused()
    {
        var error = Assert.ThrowsAny<YamlDotNet.Core.YamlException>(() => YamlJson.Parse("a: 1\na: 2\n"));

        Assert.Contains("Duplicate key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_document_of_a_stream_is_read()
    {
        var docs = YamlJson.ParseAll("a: 1\n---\nb: 2\n---\n");

        Assert.Equal(2, docs.Count);
    }
}
