using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Traffic.Tests;

public sealed class OriginAnnotationTests
{
    [Fact]
    public void Ensure_saves_the_spec_as_a_json_string_and_read_gives_it_back()
    {
        var vs = Objects.VirtualService("mocka");

        var saved = OriginAnnotation.Ensure(vs, Objects.Mocka());

        var text = saved["metadata"]!["annotations"]![GreylaneKeys.Origin]!.GetValue<string>();
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(text)!["spec"], vs["spec"]));
        Assert.True(JsonNode.DeepEquals(OriginAnnotation.Read(saved), vs["spec"]));
        Assert.Null(OriginAnnotation.Read(vs));
    }

    [Fact]
    public void Ensure_keeps_the_first_saved_spec_when_the_object_has_changed_since()
    {
        var saved = OriginAnnotation.Ensure(Objects.VirtualService("mocka"), Objects.Mocka());
        var changed = saved.DeepClone().AsObject();
        changed["spec"]!["hosts"] = new JsonArray("changed");

        var again = OriginAnnotation.Ensure(changed, Objects.Mockb());

        Assert.Equal("mocka", OriginAnnotation.Read(again)!["hosts"]![0]!.GetValue<string>());
        Assert.Equal("mocka-base", OriginAnnotation.Owner(again)!.Deployment);
    }

    [Fact]
    public void The_annotation_names_its_owner_so_that_a_leftover_can_be_restored_when_the_deployment_is_gone()
    {
        var saved = OriginAnnotation.Ensure(Objects.VirtualService("mocka"), Objects.Mocka());

        var owner = OriginAnnotation.Owner(saved)!;

        Assert.Equal(("mocka-base", "mocka", "canary"), (owner.Deployment, owner.Service, owner.CanarySubset));
        Assert.Equal(Objects.Mocka().CanarySubsetLabels, owner.SubsetLabels);
    }

    [Fact]
    public void An_annotation_saved_before_owners_were_kept_names_none()
    {
        var vs = Objects.VirtualService("mocka");
        vs["metadata"]!["annotations"] = new JsonObject { [GreylaneKeys.Origin] = """{"spec":{"hosts":["mocka"]}}""" };

        Assert.Null(OriginAnnotation.Owner(vs));
        Assert.Null(LeftoverRestore.Restore(vs));
    }

    [Fact]
    public void A_damaged_annotation_is_refused_with_the_fix()
    {
        var vs = Objects.VirtualService("mocka");
        vs["metadata"]!["annotations"] = new JsonObject { [GreylaneKeys.Origin] = "{not json" };

        var e = Assert.Throws<TrafficException>(() => OriginAnnotation.Read(vs));

        Assert.Contains("is not valid JSON", e.Message, StringComparison.Ordinal);
        Assert.Contains("remove it if the current spec is the original", e.Message, StringComparison.Ordinal);
        Assert.False(VirtualServiceTransform.Desired(vs, Objects.Step(10), Objects.Mocka(), RoutingMode.Subset).IsValid);
    }

    [Fact]
    public void Remove_drops_the_annotation_and_an_annotation_map_left_empty()
    {
        var removed = OriginAnnotation.Remove(OriginAnnotation.Ensure(Objects.VirtualService("mocka"), Objects.Mocka()));

        Assert.Null(removed["metadata"]!["annotations"]);
        Assert.True(JsonNode.DeepEquals(removed, Objects.VirtualService("mocka")));
    }
}
