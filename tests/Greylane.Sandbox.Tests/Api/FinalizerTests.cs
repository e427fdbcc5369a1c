using System.Net;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

public sealed class FinalizerTests
{
    private const string Path = "/api/v1/namespaces/default/configmaps/held";

    [Fact]
    public async Task Delete_of_an_object_with_finalizers_marks_it_and_removing_the_last_finalizer_deletes_it()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var held = Manifests.ConfigMap("held");
        held["metadata"]!["finalizers"] = new JsonArray("example.com/hold");
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", held);

        var (deleteCode, marked, _) = await sandbox.SendAsync(HttpMethod.Delete, Path);
        var (_, stillThere, _) = await sandbox.SendAsync(HttpMethod.Get, Path);
        await sandbox.SendAsync(HttpMethod.Patch, Path, JsonNode.Parse("""{"metadata":{"finalizers":null}}"""), "application/merge-patch+json");
        var (afterCode, _, _) = await sandbox.SendAsync(HttpMethod.Get, Path);

        Assert.Equal(HttpStatusCode.OK, deleteCode);
        Assert.NotNull(marked!["metadata"]!["deletionTimestamp"]);
        Assert.NotNull(stillThere!["metadata"]!["deletionTimestamp"]);
        Assert.Equal(HttpStatusCode.NotFound, afterCode);
    }

    [Fact]
    public async Task Delete_with_a_stale_resourceVersion_precondition_is_409()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", Manifests.ConfigMap("held"));
        var options = JsonNode.Parse("""{"kind":"DeleteOptions","apiVersion":"v1","preconditions":{"resourceVersion":"1"}}""");

        var (code, body, _) = await sandbox.SendAsync(HttpMethod.Delete, Path, options);

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Contains("Precondition failed", body!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
