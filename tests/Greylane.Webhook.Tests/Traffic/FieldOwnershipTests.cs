using System.Text.Json.Nodes;
using Greylane.Core.Ownership;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>
/// Field ownership of the routing objects a user applies server-side: Greylane writes narrow patches under its own
/// manager and hands every field back at once, so no apply of the user's, mid-release or after, needs force.
/// </summary>
public sealed class FieldOwnershipTests
{
    private const string Strategy = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic: {service: mockb}
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
        """;

    // The seed's vs-mockb and dr-mockb as a user's manifest, with a route timeout the next apply changes.
    private static string Manifest(string timeout) => $$$"""
        {"apiVersion":"networking.istio.io/v1beta1","kind":"VirtualService","metadata":{"name":"vs-mockb","namespace":"e2e"},
         "spec":{"hosts":["mockb"],"http":[{"timeout":"{{{timeout}}}","route":[{"destination":{"host":"mockb","subset":"version-base"}}]}]}}
        """;

    private const string Rule = """
        {"apiVersion":"networking.istio.io/v1beta1","kind":"DestinationRule","metadata":{"name":"dr-mockb","namespace":"e2e"},
         "spec":{"host":"mockb","trafficPolicy":{"loadBalancer":{"simple":"ROUND_ROBIN"}},"subsets":[{"name":"version-base","labels":{"version":"base"}}]}}
        """;

    private static async Task ApplyAsync(RoutingSandbox sandbox, string json, string plural, string name)
    {
        try
        {
            await sandbox.Client.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(json, V1Patch.PatchType.ApplyPatch), "networking.istio.io", "v1beta1", RoutingSandbox.Ns, plural, name, fieldManager: "helm");
        }
        catch (HttpOperationException e)
        {
            // The API's Status says which manager and field conflicted: keep it in the failure.
            throw new HttpOperationException($"apply of {plural}/{name} answered {e.Response.StatusCode}: {e.Response.Content}") { Response = e.Response, Request = e.Request };
        }
    }

    private static IEnumerable<string> Managers(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).Select(e => e!["manager"]!.GetValue<string>());

    private static JsonObject? Owned(JsonObject obj, string manager) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).FirstOrDefault(e => e!["manager"]!.GetValue<string>() == manager)?["fieldsV1"]?.AsObject();

    private static async Task<RoutingSandbox> StartAsync()
    {
        var sandbox = await RoutingSandbox.StartAsync();
        // The user (helm 4) creates them by server-side apply, as a first install does: helm is their only manager.
        await sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("networking.istio.io", "v1beta1", RoutingSandbox.Ns, "virtualservices", "vs-mockb");
        await sandbox.Client.CustomObjects.DeleteNamespacedCustomObjectAsync("networking.istio.io", "v1beta1", RoutingSandbox.Ns, "destinationrules", "dr-mockb");
        await ApplyAsync(sandbox, Manifest("5s"), "virtualservices", "vs-mockb");
        await ApplyAsync(sandbox, Rule, "destinationrules", "dr-mockb");
        return sandbox;
    }

    [Fact]
    public async Task While_routing_no_field_of_the_users_objects_is_Greylanes_and_the_users_fields_stay_theirs()
    {
        await using var sandbox = await StartAsync();
        var release = await sandbox.ReleaseAsync("mockb-base", Strategy);

        Assert.Empty((await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None)).Errors);

        var vs = await sandbox.VirtualServiceAsync("vs-mockb");
        var dr = await sandbox.DestinationRuleAsync("dr-mockb");
        Assert.Contains("greylane-", vs["spec"]!["http"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(vs));
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(dr));
        Assert.Contains("f:hosts", Owned(vs, "helm")!["f:spec"]!.AsObject().Select(p => p.Key));
        Assert.Contains("f:trafficPolicy", Owned(dr, "helm")!["f:spec"]!.AsObject().Select(p => p.Key));
    }

    [Fact]
    public async Task After_restore_no_field_is_Greylanes_and_the_users_next_apply_needs_no_force()
    {
        await using var sandbox = await StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base", Strategy);
        await router.ApplyAsync(release, 0, CancellationToken.None);

        var restored = await router.RestoreAsync(release, CancellationToken.None);

        Assert.Empty(restored.Errors);
        var vs = await sandbox.VirtualServiceAsync("vs-mockb");
        var dr = await sandbox.DestinationRuleAsync("dr-mockb");
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(vs));
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(dr));
        Assert.Equal("5s", vs["spec"]!["http"]![0]!["timeout"]!.GetValue<string>());
        await ApplyAsync(sandbox, Manifest("7s"), "virtualservices", "vs-mockb");
        await ApplyAsync(sandbox, Rule.Replace("ROUND_ROBIN", "LEAST_REQUEST", StringComparison.Ordinal), "destinationrules", "dr-mockb");
        Assert.Equal("7s", (await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!["http"]![0]!["timeout"]!.GetValue<string>());
    }

    [Fact]
    public async Task Mid_release_a_users_apply_needs_no_force_and_Greylane_reasserts_its_routes()
    {
        await using var sandbox = await StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base", Strategy);
        await router.ApplyAsync(release, 0, CancellationToken.None);

        await ApplyAsync(sandbox, Manifest("7s"), "virtualservices", "vs-mockb");

        var state = await router.CheckAsync(release, 0, CancellationToken.None);
        Assert.False(state.Applied);
        Assert.Contains(state.Drift, d => d.Contains("vs-mockb", StringComparison.Ordinal));
        // Routes are computed from the saved original (routing.md, Drift): the user's edit is the drift that is re-asserted.
        Assert.True((await router.ApplyAsync(release, 0, CancellationToken.None)).Changed);
        var vs = await sandbox.VirtualServiceAsync("vs-mockb");
        Assert.Contains("greylane-", vs["spec"]!["http"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(vs));
    }

    [Fact]
    public async Task A_hand_back_that_was_lost_happens_on_the_next_round()
    {
        await using var sandbox = await StartAsync();
        var release = await sandbox.ReleaseAsync("mockb-base", Strategy);
        // A crash between a write and its hand-back: the routing patch passed, the managedFields patch never came.
        await sandbox.Router(new LostHandBack()).ApplyAsync(release, 0, CancellationToken.None);
        Assert.Contains(FieldOwners.Greylane, Managers(await sandbox.VirtualServiceAsync("vs-mockb")));

        var again = await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None);

        Assert.Empty(again.Errors);
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(await sandbox.VirtualServiceAsync("vs-mockb")));
        Assert.DoesNotContain(FieldOwners.Greylane, Managers(await sandbox.DestinationRuleAsync("dr-mockb")));
    }

    /// <summary>Drops every managedFields patch (answers it with the object unchanged), as a crash right after the restore would.</summary>
    private sealed class LostHandBack : DelegatingHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            if (request.Method == HttpMethod.Patch && body.Contains("\"managedFields\"", StringComparison.Ordinal))
            {
                var get = new HttpRequestMessage(HttpMethod.Get, request.RequestUri);
                foreach (var header in request.Headers)
                {
                    get.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                return await base.SendAsync(get, cancellationToken);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
