using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class GarbageCollectorTests
{
    private static readonly ResourceType ConfigMaps = BuiltInResources.ConfigMaps;

    [Fact]
    public async Task Deleting_an_owner_deletes_a_chain_of_dependents_of_any_type()
    {
        await using var bed = new ControllerTestBed();
        var root = bed.Create(ConfigMaps, ConfigMap("root"));
        var middle = bed.Create(BuiltInResources.Services, Owned(ConfigMap("middle"), root, "ConfigMap", controller: false));
        bed.Create(BuiltInResources.Secrets, Owned(ConfigMap("leaf"), middle, "Service", controller: true));
        await bed.SettleAsync();

        bed.Delete(ConfigMaps, "root");
        await bed.SettleAsync();

        // Real rule (background propagation): dependents go once their owner is gone, transitively, by uid.
        Assert.Null(bed.Find(BuiltInResources.Services, "middle"));
        Assert.Null(bed.Find(BuiltInResources.Secrets, "leaf"));
    }

    [Fact]
    public async Task A_dependent_with_another_live_owner_stays_and_loses_only_the_dangling_reference()
    {
        await using var bed = new ControllerTestBed();
        var first = bed.Create(ConfigMaps, ConfigMap("first"));
        var second = bed.Create(ConfigMaps, ConfigMap("second"));
        var shared = Owned(Owned(ConfigMap("shared"), first, "ConfigMap", controller: false), second, "ConfigMap", controller: false);
        bed.Create(ConfigMaps, shared);
        await bed.SettleAsync();

        bed.Delete(ConfigMaps, "first");
        await bed.SettleAsync();

        var kept = bed.Get(ConfigMaps, "shared");
        Assert.Equal([K8s.Uid(second)], K8s.OwnerRefs(kept).Select(r => (string?)r!["uid"]));
    }

    [Fact]
    public async Task A_dependent_holding_a_finalizer_is_only_marked_for_deletion()
    {
        await using var bed = new ControllerTestBed();
        var owner = bed.Create(ConfigMaps, ConfigMap("owner"));
        var dependent = Owned(ConfigMap("held"), owner, "ConfigMap", controller: true);
        dependent["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        bed.Create(ConfigMaps, dependent);
        await bed.SettleAsync();

        bed.Delete(ConfigMaps, "owner");
        await bed.SettleAsync();

        // Real rule: the collector issues a delete; finalizers keep the object with a deletionTimestamp until removed.
        var held = bed.Get(ConfigMaps, "held");
        Assert.NotNull(held["metadata"]!["deletionTimestamp"]);
        bed.Change(ConfigMaps, "held", cm => cm["metadata"]!["finalizers"] = new JsonArray());
        await bed.SettleAsync();
        Assert.Null(bed.Find(ConfigMaps, "held"));
    }

    [Fact]
    public async Task Dependents_whose_owner_is_already_gone_are_collected_at_start_and_later()
    {
        await using var bed = new ControllerTestBed(start: false);
        var ghost = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "ghost", ["uid"] = Guid.NewGuid().ToString() } };
        bed.Create(ConfigMaps, Owned(ConfigMap("before-start"), ghost, "ConfigMap", controller: true));

        bed.Start();
        await bed.SettleAsync();
        Assert.Null(bed.Find(ConfigMaps, "before-start"));

        // An object created later with an ownerReference to a uid that does not exist is collected too.
        bed.Create(ConfigMaps, Owned(ConfigMap("after-start"), ghost, "ConfigMap", controller: false));
        await bed.SettleAsync();
        Assert.Null(bed.Find(ConfigMaps, "after-start"));
    }

    [Fact]
    public async Task An_owner_of_a_kind_the_sandbox_does_not_serve_is_assumed_alive()
    {
        await using var bed = new ControllerTestBed();
        var foreign = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "x", ["uid"] = Guid.NewGuid().ToString() } };
        var cm = ConfigMap("kept");
        cm["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["name"] = "x", ["uid"] = (string?)foreign["metadata"]!["uid"],
        });
        bed.Create(ConfigMaps, cm);
        await bed.SettleAsync();

        Assert.NotNull(bed.Find(ConfigMaps, "kept"));
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    };

    private static JsonObject Owned(JsonObject obj, JsonObject owner, string kind, bool controller)
    {
        if (obj["metadata"]!["ownerReferences"] is not JsonArray refs)
        {
            refs = [];
            obj["metadata"]!["ownerReferences"] = refs;
        }

        refs.Add(new JsonObject
        {
            ["apiVersion"] = "v1", ["kind"] = kind, ["name"] = K8s.Name(owner), ["uid"] = K8s.Uid(owner), ["controller"] = controller,
        });
        return obj;
    }
}
