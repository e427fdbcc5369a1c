using System.Text.Json.Nodes;
using Greylane.Sandbox.Support.Tests;
using Greylane.Testing.Sandboxes;

namespace Greylane.Sandbox.Api.Tests;

public sealed class TableTests
{
    private const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    [Fact]
    public async Task Events_print_with_the_columns_of_kubectl_get_events()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        var ev = JsonNode.Parse("""
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"web.1"},"type":"Warning","reason":"CanaryPaused",
             "message":"waiting for analysis","involvedObject":{"kind":"Deployment","name":"web","namespace":"default"}}
            """);
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/events", ev);

        var (_, table, _) = await sandbox.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/events", accept: TableAccept);

        Assert.Equal(["Last Seen", "Type", "Reason", "Object", "Message"], table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal(["Warning", "CanaryPaused", "deployment/web", "waiting for analysis"],
            table["rows"]![0]!["cells"]!.AsArray().Skip(1).Select(c => c!.GetValue<string>()));
    }

    [Fact]
    public async Task A_watch_asked_for_as_Table_sends_one_row_Tables_with_column_definitions_only_first()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", Manifests.ConfigMap("a"));
        await sandbox.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", Manifests.ConfigMap("b"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1");
        request.Headers.TryAddWithoutValidation("Accept", TableAccept);

        using var response = await sandbox.Http.SendAsync(request);
        var events = (await response.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!).ToList();

        Assert.Equal(2, events.Count);
        Assert.All(events, e => Assert.Equal("Table", e["object"]!["kind"]!.GetValue<string>()));
        Assert.NotNull(events[0]["object"]!["columnDefinitions"]);
        Assert.Null(events[1]["object"]!["columnDefinitions"]);
        Assert.Equal("b", events[1]["object"]!["rows"]![0]!["cells"]![0]!.GetValue<string>());
    }

    [Fact]
    public async Task A_custom_resource_table_uses_the_CRDs_printer_columns()
    {
        await using var sandbox = await TestSandbox.StartAsync();
        await sandbox.Server.ApplyIstioCrdsAsync();
        await sandbox.Server.ApplyManifestsAsync(Manifests.VirtualService("web").ToJsonString());

        var (_, table, _) = await sandbox.SendAsync(HttpMethod.Get, "/apis/networking.istio.io/v1/namespaces/default/virtualservices", accept: TableAccept);

        Assert.Equal(["Name", "Gateways", "Hosts", "Age"], table!["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        Assert.Equal("[\"web\"]", table["rows"]![0]!["cells"]![2]!.GetValue<string>());
    }
}
