using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;
using k8s;
using k8s.Models;

namespace Greylane.Sandbox.Watch.Tests;

public sealed class WatchTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_watch_from_the_current_state_sends_existing_objects_as_ADDED_then_MODIFIED_and_DELETED()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("old")), "default");
        using var cts = new CancellationTokenSource(Bound);
        var events = new List<(WatchEventType, string)>();

        await foreach (var (type, cm) in sandbox.Client.CoreV1.WatchListNamespacedConfigMapAsync("default", cancellationToken: cts.Token))
        {
            events.Add((type, cm.Metadata.Name));
            if (events.Count == 1)
            {
                await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("new")), "default");
                await sandbox.Client.CoreV1.PatchNamespacedConfigMapAsync(new V1Patch("{\"data\":{\"k\":\"v\"}}", V1Patch.PatchType.MergePatch), "new", "default");
                await sandbox.Client.CoreV1.DeleteNamespacedConfigMapAsync("new", "default");
            }

            if (events.Count == 4)
            {
                break;
            }
        }

        Assert.Equal([(WatchEventType.Added, "old"), (WatchEventType.Added, "new"), (WatchEventType.Modified, "new"), (WatchEventType.Deleted, "new")], events);
    }

    [Fact]
    public async Task A_watch_resumed_from_a_resourceVersion_sends_only_later_changes()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var first = await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("a")), "default");
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("b")), "default");
        using var cts = new CancellationTokenSource(Bound);

        var (type, cm) = await FirstAsync(sandbox.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            "default", resourceVersion: first.Metadata.ResourceVersion, cancellationToken: cts.Token));

        Assert.Equal((WatchEventType.Added, "b"), (type, cm.Metadata.Name));
    }

    [Fact]
    public async Task A_watch_from_a_compacted_resourceVersion_gets_an_ERROR_event_with_a_410_Expired_Status()
    {
        await using var sandbox = await TestSandbox.StartAsync(new SandboxOptions { WatchHistoryLimit = 2 });
        var first = await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("a")), "default");
        foreach (var name in new[] { "b", "c", "d" })
        {
            await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap(name)), "default");
        }

        using var cts = new CancellationTokenSource(Bound);
        var errors = new List<Exception>();
        await foreach (var _ in sandbox.Client.CoreV1.WatchListNamespacedConfigMapAsync(
            "default", resourceVersion: first.Metadata.ResourceVersion, onError: errors.Add, cancellationToken: cts.Token))
        {
            Assert.Fail("no object event is expected from an expired resourceVersion");
        }

        var status = Assert.IsType<KubernetesException>(Assert.Single(errors)).Status;
        Assert.Equal(410, status.Code);
        Assert.Equal("Expired", status.Reason);
        Assert.StartsWith("too old resource version", status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_watch_with_bookmarks_gets_a_BOOKMARK_before_its_timeout_and_then_ends()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var version = sandbox.Store.CurrentVersion.ToString(CultureInfo.InvariantCulture);

        // The watch cache sends a bookmark two seconds before timeoutSeconds expires.
        var lines = await ReadLinesAsync(sandbox, $"/api/v1/namespaces/default/configmaps?watch=true&allowWatchBookmarks=true&timeoutSeconds=3&resourceVersion={version}");

        var bookmark = Assert.Single(lines);
        Assert.Equal("BOOKMARK", bookmark["type"]!.GetValue<string>());
        Assert.Equal(version, bookmark["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal("ConfigMap", bookmark["object"]!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_watch_without_bookmarks_ends_silently_at_its_timeout()
    {
        await using var sandbox = await TestSandbox.StartAsync();

        var lines = await ReadLinesAsync(sandbox, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion=1");

        Assert.Empty(lines);
    }

    [Fact]
    public async Task A_label_selector_watch_sees_an_object_leaving_the_selector_as_DELETED_like_the_watch_cache()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var created = await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(
            CrudTyped(Manifests.ConfigMap("a", labels: new JsonObject { ["tier"] = "web" })), "default");
        await sandbox.Client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"metadata\":{\"labels\":{\"tier\":\"db\"}}}", V1Patch.PatchType.MergePatch), "a", "default");

        var lines = await ReadLinesAsync(sandbox,
            $"/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&labelSelector=tier%3Dweb&resourceVersion={created.Metadata.ResourceVersion}");

        Assert.Equal("DELETED", Assert.Single(lines)["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_field_selector_watch_on_one_name_ignores_other_objects()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var version = sandbox.Store.CurrentVersion.ToString(CultureInfo.InvariantCulture);
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("a")), "default");
        await sandbox.Client.CoreV1.CreateNamespacedConfigMapAsync(CrudTyped(Manifests.ConfigMap("b")), "default");

        var lines = await ReadLinesAsync(sandbox,
            $"/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&fieldSelector=metadata.name%3Db&resourceVersion={version}");

        Assert.Equal("b", Assert.Single(lines)["object"]!["metadata"]!["name"]!.GetValue<string>());
    }

    private static async Task<List<JsonObject>> ReadLinesAsync(TestSandbox sandbox, string path)
    {
        using var cts = new CancellationTokenSource(Bound);
        using var response = await sandbox.Http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseHeadersRead, cts.Token);
        var text = await response.Content.ReadAsStringAsync(cts.Token);
        return [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!.AsObject())];
    }

    private static async Task<T> FirstAsync<T>(IAsyncEnumerable<T> source)
    {
        await foreach (var item in source)
        {
            return item;
        }

        throw new InvalidOperationException("the watch ended without an event");
    }

    private static V1ConfigMap CrudTyped(JsonObject obj) => KubernetesJson.Deserialize<V1ConfigMap>(obj.ToJsonString());
}
