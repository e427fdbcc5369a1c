using System.Net;
using System.Runtime.CompilerServices;
using Greylane.Webhook.Controller;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Webhook.Controller.Tests;

public sealed class ResourceInformerTests
{
    [Fact]
    public async Task A_watch_that_expires_with_410_is_followed_by_a_fresh_list_that_reports_what_vanished()
    {
        var lists = new Queue<InformerList<V1Deployment>>([List("10", "web", "api"), List("20", "web")]);
        var watchedFrom = new List<string?>();
        var changes = new List<string>();
        using var stop = new CancellationTokenSource();
        var informer = new ResourceInformer<V1Deployment>(
            "Deployment",
            _ => Task.FromResult(lists.Count > 0 ? lists.Dequeue() : List("20", "web")),
            (rv, onError, ct) => Watch(rv, onError, watchedFrom, stop, ct),
            (old, now) => changes.Add($"{old?.Metadata.Name ?? "-"}>{now?.Metadata.Name ?? "-"}"),
            TimeProvider.System,
            NullLogger.Instance);

        await informer.RunAsync(stop.Token);

        Assert.Equal(["10", "20"], watchedFrom);
        Assert.Equal(2, informer.Lists);
        Assert.Equal(["->web", "->api", "api>-", "web>web"], changes);
        Assert.Equal(["web"], informer.Items().Select(d => d.Metadata.Name));
    }

    private static InformerList<V1Deployment> List(string resourceVersion, params string[] names) =>
        new([.. names.Select(n => new V1Deployment { Metadata = new V1ObjectMeta { Name = n, NamespaceProperty = "shop", ResourceVersion = resourceVersion } })], resourceVersion);

    private static async IAsyncEnumerable<(WatchEventType, V1Deployment)> Watch(
        string? resourceVersion, Action<Exception> onError, List<string?> watchedFrom, CancellationTokenSource stop, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        watchedFrom.Add(resourceVersion);
        await Task.Yield();
        if (watchedFrom.Count == 1)
        {
            // What the API server sends when the watch's resourceVersion is too old.
            onError(new KubernetesException(new V1Status { Code = (int)HttpStatusCode.Gone, Reason = "Expired", Message = "too old resource version" }));
            cancellationToken.ThrowIfCancellationRequested();
            yield break;
        }

        await stop.CancelAsync();
        cancellationToken.ThrowIfCancellationRequested();
    }

    [Fact]
    public void Raw_and_typed_items_are_named_alike()
    {
        var raw = System.Text.Json.Nodes.JsonNode.Parse("""{"metadata":{"name":"web","namespace":"shop","resourceVersion":"7"}}""")!.AsObject();
        var typed = new V1Deployment { Metadata = new V1ObjectMeta { Name = "web", NamespaceProperty = "shop", ResourceVersion = "7" } };

        Assert.Equal(("shop/web", "7"), (InformerItem.Key(raw), InformerItem.ResourceVersion(raw)));
        Assert.Equal(("shop/web", "7"), (InformerItem.Key(typed), InformerItem.ResourceVersion(typed)));
    }

    [Fact]
    public void The_cached_deployment_keeps_its_template_bytes_and_drops_what_the_controller_never_reads()
    {
        var raw = System.Text.Json.JsonDocument.Parse("""
            {"metadata":{"name":"web","managedFields":[{"manager":"helm"}],
              "annotations":{"kubectl.kubernetes.io/last-applied-configuration":"{}","greylane.dev/enabled":"true"}},
             "spec":{"template":{"spec":{"containers":[{"name":"app","image":"web:v1","resources":{"limits":{"cpu":"500m"}}}]}}}}
            """).RootElement;
        var hash = new DeploymentDocument(System.Text.Json.Nodes.JsonNode.Parse(raw.GetRawText())!.AsObject()).TemplateHash;

        var lean = DeploymentCache.Lean(raw);

        Assert.Null(lean["metadata"]!["managedFields"]);
        Assert.Equal(["greylane.dev/enabled"], lean["metadata"]!["annotations"]!.AsObject().Select(a => a.Key));
        Assert.Equal(hash, new DeploymentDocument(lean).TemplateHash);
    }

    [Theory]
    [InlineData("""{"greylane.dev/enabled":"true"}""", "Idle")]
    [InlineData("""{"greylane.dev/status":"{\"phase\":\"Completed\"}"}""", "Completed")]
    [InlineData("""{"greylane.dev/release":"abc"}""", null)]
    [InlineData("""{"greylane.dev/command":"{\"action\":\"abort\"}"}""", null)]
    [InlineData("""{"greylane.dev/status":"{\"phase\":\"StepAnalyzing\"}"}""", null)]
    public void A_quiet_deployment_is_cached_as_its_name_and_phase_and_any_other_keeps_its_lean_object(string annotations, string? quietPhase)
    {
        var raw = System.Text.Json.JsonDocument.Parse(
            """{"metadata":{"name":"web","namespace":"shop","resourceVersion":"9","managedFields":[{"manager":"helm"}],"annotations":"""
            + annotations
            + """},"spec":{"template":{"spec":{"containers":[{"name":"app","image":"web:v1"}]}}}}""").RootElement;

        var entry = DeploymentCache.Entry(raw);

        Assert.Equal(("shop/web", "9"), (InformerItem.Key(entry), InformerItem.ResourceVersion(entry)));
        Assert.Equal(quietPhase, entry.QuietPhase?.ToString());
        Assert.Equal(quietPhase is null, entry.Document is not null);
        Assert.Null(entry.Document?["metadata"]?["managedFields"]);
    }

    [Fact]
    public void A_deployment_being_deleted_is_never_quiet()
    {
        var raw = System.Text.Json.JsonDocument.Parse("""
            {"metadata":{"name":"web","namespace":"shop","deletionTimestamp":"2026-12-03T00:00:00Z"},"spec":{}}
            """).RootElement;

        Assert.Null(DeploymentCache.Entry(raw).QuietPhase);
    }
}
