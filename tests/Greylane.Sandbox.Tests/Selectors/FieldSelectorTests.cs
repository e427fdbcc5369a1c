using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;

namespace Greylane.Sandbox.Selectors.Tests;

public sealed class FieldSelectorTests
{
    private static readonly JsonObject Shop = JsonNode.Parse("""{"metadata":{"name":"shop","namespace":"prod"}}""")!.AsObject();
    private static readonly JsonObject Node = JsonNode.Parse("""{"metadata":{"name":"node-1"}}""")!.AsObject();

    [Theory]
    [InlineData("metadata.name=shop", true)]
    [InlineData("metadata.name==shop", true)]
    [InlineData("metadata.name!=shop", false)]
    [InlineData("metadata.namespace=prod", true)]
    [InlineData("metadata.namespace!=prod", false)]
    [InlineData("metadata.name=shop,metadata.namespace=dev", false)]
    [InlineData("metadata.name=cart", false)]
    public void Name_and_namespace_terms_are_anded(string text, bool expected) =>
        Assert.Equal(expected, FieldSelector.Parse(text).Matches(Shop));

    [Fact]
    public void A_cluster_scoped_object_has_an_empty_namespace()
    {
        Assert.True(FieldSelector.Parse("metadata.namespace=").Matches(Node));
        Assert.False(FieldSelector.Parse("metadata.namespace!=").Matches(Node));
    }

    [Fact]
    public void Blank_selects_everything() => Assert.True(FieldSelector.Parse(" ").Matches(Node));

    [Fact]
    public void Escaped_commas_and_equals_belong_to_the_value()
    {
        var odd = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "a,b=c" } };

        Assert.True(FieldSelector.Parse(@"metadata.name=a\,b\=c").Matches(odd));
        Assert.Equal(@"metadata.name=a\,b\=c", FieldSelector.Parse(@"metadata.name==a\,b\=c").ToString());
    }

    [Fact]
    public void Other_fields_are_refused_with_the_servers_wording()
    {
        var error = Assert.Throws<FormatException>(() => FieldSelector.Parse("spec.nodeName=n1"));

        Assert.Equal("field label not supported: spec.nodeName", error.Message);
    }

    [Fact]
    public void A_term_without_an_operator_is_refused()
    {
        var error = Assert.Throws<FormatException>(() => FieldSelector.Parse("metadata.name"));

        Assert.Equal("invalid selector: 'metadata.name'; can't understand 'metadata.name'", error.Message);
    }
}
