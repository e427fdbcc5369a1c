using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Sandbox.Storage.Tests;

public sealed class InMemoryObjectStoreTests
{
    private static readonly ResourceType Deployments = BuiltInResources.Deployments;

    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero));

    private InMemoryObjectStore NewStore(int history = 100) => new(new SandboxOptions { TimeProvider = _clock, WatchHistoryLimit = history });

    private static JsonObject Deployment(string name, string image = "nginx:1", string ns = "default") => new()
    {
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["spec"] = new JsonObject { ["replicas"] = 1, ["template"] = new JsonObject { ["spec"] = new JsonObject { ["image"] = image } } },
    };

    [Fact]
    public void Create_assigns_uid_resource_version_timestamp_and_generation_one()
    {
        var created = NewStore().Create(Deployments, Deployment("web"));

        var meta = created.Metadata();
        Assert.True(Guid.TryParse(meta["uid"]!.GetValue<string>(), out _));
        Assert.Equal("1", meta["resourceVersion"]!.GetValue<string>());
        Assert.Equal("2026-01-02T03:04:05Z", meta["creationTimestamp"]!.GetValue<string>());
        Assert.Equal(1, created.Generation());
        Assert.Equal("apps/v1", created["apiVersion"]!.GetValue<string>());
        Assert.Equal("Deployment", created["kind"]!.GetValue<string>());
    }

    [Fact]
    public void Resource_versions_come_from_one_counter_across_types()
    {
        var store = NewStore();
        store.Create(Deployments, Deployment("web"));
        var cm = store.Create(BuiltInResources.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" } });

        Assert.Equal("2", cm.ResourceVersion());
        Assert.Equal(2, store.CurrentVersion);
    }

    [Fact]
    public void Create_of_an_existing_name_is_409_AlreadyExists()
    {
        var store = NewStore();
        store.Create(Deployments, Deployment("web"));

        var error = Assert.Throws<StoreException>(() => store.Create(Deployments, Deployment("web")));

        Assert.Equal((409, "AlreadyExists"), (error.Code, error.Reason));
        Assert.Equal("deployments.apps \"web\" already exists", error.Message);
    }

    [Fact]
    public void Create_without_name_or_generateName_is_422_Invalid()
    {
        var error = Assert.Throws<StoreException>(() => NewStore().Create(Deployments, Deployment("")));

        Assert.Equal((422, "Invalid"), (error.Code, error.Reason));
        Assert.Contains("metadata.name: Required value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_with_an_uppercase_name_is_422_Invalid_per_RFC_1123()
    {
        var error = Assert.Throws<StoreException>(() => NewStore().Create(Deployments, Deployment("Web")));

        Assert.Equal(422, error.Code);
        Assert.Contains("RFC 1123 subdomain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GenerateName_gets_five_random_characters_appended()
    {
        var obj = Deployment("");
        obj.Metadata()["generateName"] = "web-";

        var created = NewStore().Create(Deployments, obj);

        Assert.Matches("^web-[a-z0-9]{5}$", created.Name());
    }

    [Fact]
    public void Update_with_a_stale_resource_version_is_409_Conflict()
    {
        var store = NewStore();
        var first = store.Create(Deployments, Deployment("web"));
        store.Update(Deployments, Deployment("web", "nginx:2"));

        var error = Assert.Throws<StoreException>(() => store.Update(Deployments, WithImage(first, "nginx:3")));

        Assert.Equal((409, "Conflict"), (error.Code, error.Reason));
        Assert.Contains("the object has been modified", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Update_of_a_missing_object_is_404_NotFound()
    {
        var error = Assert.Throws<StoreException>(() => NewStore().Update(Deployments, Deployment("web")));

        Assert.Equal((404, "NotFound"), (error.Code, error.Reason));
        Assert.Equal("deployments.apps \"web\" not found", error.Message);
    }

    [Fact]
    public void Generation_is_bumped_by_a_spec_change_but_not_by_a_metadata_change()
    {
        var store = NewStore();
        var created = store.Create(Deployments, Deployment("web"));
        var labelled = Copy(created);
        labelled.Metadata()["labels"] = new JsonObject { ["a"] = "b" };

        var afterLabel = store.Update(Deployments, labelled);
        var afterImage = store.Update(Deployments, WithImage(afterLabel, "nginx:2"));

        Assert.Equal(1, afterLabel.Generation());
        Assert.Equal(2, afterImage.Generation());
    }

    [Fact]
    public void Normal_update_keeps_status_and_status_update_keeps_spec()
    {
        var store = NewStore();
        var created = store.Create(Deployments, Deployment("web"));
        var withStatus = Copy(created);
        withStatus["status"] = new JsonObject { ["replicas"] = 3 };
        withStatus["spec"]!["replicas"] = 9;

        var afterStatus = store.Update(Deployments, withStatus, statusOnly: true);
        var overwrite = Copy(afterStatus);
        overwrite["status"] = new JsonObject { ["replicas"] = 0 };
        var afterMain = store.Update(Deployments, overwrite);

        Assert.Equal(1, afterStatus["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal(1, afterStatus.Generation());
        Assert.Equal(3, afterMain["status"]!["replicas"]!.GetValue<int>());
    }

    [Fact]
    public void An_update_that_changes_nothing_writes_nothing()
    {
        var store = NewStore();
        var created = store.Create(Deployments, Deployment("web"));
        var events = new List<StoreEvent>();
        using var _ = store.Subscribe(events.Add);

        var same = store.Update(Deployments, created);

        Assert.Equal(created.ResourceVersion(), same.ResourceVersion());
        Assert.Empty(events);
    }

    [Fact]
    public void Delete_with_finalizers_marks_the_object_until_an_update_removes_them()
    {
        var store = NewStore();
        var obj = Deployment("web");
        obj.Metadata()["finalizers"] = new JsonArray("example.com/hold");
        store.Create(Deployments, obj);
        var events = new List<StoreEvent>();
        using var _ = store.Subscribe(events.Add);

        var marked = store.Delete(Deployments, "default", "web");
        var released = Copy(marked);
        released.Metadata().Remove("finalizers");
        store.Update(Deployments, released);

        Assert.NotNull(marked.MetaString("deletionTimestamp"));
        Assert.Equal(["MODIFIED", "DELETED"], events.Select(e => e.Type));
        Assert.Null(store.Get(Deployments, "default", "web"));
    }

    [Fact]
    public void Delete_of_a_missing_object_is_404()
    {
        var error = Assert.Throws<StoreException>(() => NewStore().Delete(Deployments, "default", "nope"));

        Assert.Equal(404, error.Code);
    }

    [Fact]
    public void Subscribers_see_changes_in_order_even_when_a_subscriber_writes_from_its_handler()
    {
        var store = NewStore();
        var seen = new List<long>();
        using var writer = store.Subscribe(e =>
        {
            if (e.Type == "ADDED" && e.Object.Name() == "web")
            {
                store.Create(Deployments, Deployment("child"));
            }
        });
        using var recorder = store.Subscribe(e => seen.Add(e.ResourceVersion));

        store.Create(Deployments, Deployment("web"));

        Assert.Equal([1L, 2L], seen);
    }

    [Fact]
    public void List_is_ordered_by_namespace_then_name()
    {
        var store = NewStore();
        store.Create(Deployments, Deployment("b", ns: "a"));
        store.Create(Deployments, Deployment("a", ns: "a-b"));
        store.Create(Deployments, Deployment("a", ns: "a"));

        var keys = store.List(Deployments, null).Select(o => $"{o.Namespace()}/{o.Name()}");

        Assert.Equal(["a/a", "a/b", "a-b/a"], keys);
    }

    [Fact]
    public void Watch_replays_kept_changes_and_answers_410_Expired_beyond_the_history_window()
    {
        var store = NewStore(history: 2);
        for (var i = 0; i < 4; i++)
        {
            store.Create(Deployments, Deployment($"d{i}"));
        }

        var replayed = new List<long>();
        using var watch = store.Watch(Deployments, null, 2, e => replayed.Add(e.Event.ResourceVersion)).Subscription;
        var error = Assert.Throws<StoreException>(() => store.Watch(Deployments, null, 1, _ => { }));

        Assert.Equal([3L, 4L], replayed);
        Assert.Equal((410, "Expired"), (error.Code, error.Reason));
    }

    [Fact]
    public void A_watch_is_sent_only_its_own_type_live_and_in_replay()
    {
        var store = NewStore();
        var configMap = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" } };
        store.Create(Deployments, Deployment("a"));
        store.Create(BuiltInResources.ConfigMaps, configMap);

        var seen = new List<string>();
        using var watch = store.Watch(Deployments, null, 0, e => seen.Add($"{e.Event.Type} {e.Event.Resource.Kind} {e.Event.Object.Name()}")).Subscription;
        store.Create(BuiltInResources.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "d", ["namespace"] = "default" } });
        store.Create(Deployments, Deployment("b"));

        Assert.Equal(["ADDED Deployment a", "ADDED Deployment b"], seen);
    }

    [Fact]
    public void A_subscriber_for_one_type_gets_its_own_copies_of_that_type_alone()
    {
        var store = NewStore();
        var kept = new List<JsonObject>();
        using var _ = store.Subscribe(BuiltInResources.ConfigMaps, e => kept.Add(e.Object));
        store.Create(Deployments, Deployment("a"));
        store.Create(BuiltInResources.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "c", ["namespace"] = "default" } });

        var only = Assert.Single(kept);
        only.Metadata()["name"] = "changed by the subscriber";
        Assert.Equal("c", store.Get(BuiltInResources.ConfigMaps, "default", "c")!.Name());
    }

    [Fact]
    public void A_watch_sees_the_previous_state_of_a_changed_object()
    {
        var store = NewStore();
        store.Create(Deployments, Deployment("a", image: "nginx:1"));
        var previous = new List<string?>();
        using var watch = store.Watch(Deployments, null, null, e => previous.Add(e.Previous?["spec"]?["template"]?["spec"]?["image"]?.GetValue<string>())).Subscription;

        var current = store.Get(Deployments, "default", "a")!;
        current["spec"]!["template"]!["spec"]!["image"] = "nginx:2";
        store.Update(Deployments, current);

        Assert.Equal(["nginx:1"], previous);
    }

    [Fact]
    public async Task Concurrent_writers_get_distinct_resource_versions_and_subscribers_see_them_in_order()
    {
        var store = NewStore(history: 1000);
        var seen = new List<long>();
        using var _ = store.Subscribe(e => seen.Add(e.ResourceVersion));

        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 0; i < 25; i++)
            {
                store.Create(BuiltInResources.ConfigMaps, new JsonObject { ["metadata"] = new JsonObject { ["name"] = $"c{t}-{i}", ["namespace"] = "default" } });
            }
        })));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => (long)i), seen);
        Assert.Equal(200, store.List(BuiltInResources.ConfigMaps, "default").Count);
    }

    private static JsonObject Copy(JsonObject o) => (JsonObject)o.DeepClone();

    private static JsonObject WithImage(JsonObject o, string image)
    {
        var copy = Copy(o);
        copy["spec"]!["template"]!["spec"]!["image"] = image;
        return copy;
    }
}
