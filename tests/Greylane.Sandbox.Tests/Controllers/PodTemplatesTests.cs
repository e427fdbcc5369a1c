using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Deployments;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class PodTemplatesTests
{
    private static JsonObject Template(string image) => (JsonObject)K8s.Deployment("web", image, 1)["spec"]!["template"]!;

    [Fact]
    public void The_hash_is_stable_for_a_template_and_changes_with_it_and_with_collision_count()
    {
        var hash = PodTemplates.Hash(Template("nginx:1"), null);

        Assert.Equal(hash, PodTemplates.Hash(Template("nginx:1"), null));
        Assert.NotEqual(hash, PodTemplates.Hash(Template("nginx:2"), null));
        Assert.NotEqual(hash, PodTemplates.Hash(Template("nginx:1"), 1));
        Assert.Matches("^[bcdfghjklmnpqrstvwxz2456789]{1,10}$", hash);
    }

    [Fact]
    public void Key_order_empty_maps_and_the_hash_label_do_not_change_equality_or_the_hash()
    {
        var plain = Template("nginx:1");
        var reordered = JsonNode.Parse("""
            { "spec": { "containers": [ { "image": "nginx:1", "name": "app" } ] },
              "metadata": { "annotations": {}, "labels": { "app": "web", "pod-template-hash": "abc" } } }
            """)!.AsObject();

        // Real rule: EqualIgnoreHash ignores pod-template-hash; apimachinery's semantic equality treats empty maps as absent.
        Assert.True(PodTemplates.EqualIgnoreHash(plain, reordered));
        Assert.Equal(PodTemplates.Hash(plain, null), PodTemplates.Hash(reordered, null));
        Assert.False(PodTemplates.EqualIgnoreHash(plain, Template("nginx:2")));
    }
}
