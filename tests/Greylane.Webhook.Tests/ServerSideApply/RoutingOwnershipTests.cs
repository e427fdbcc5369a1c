using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Ownership;
using Greylane.Core.Rollout;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Waiting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.ServerSideApply.Tests;

/// <summary>
/// A Deployment with its Service, DestinationRule and VirtualService, all applied server-side by the team: while routed,
/// after a promoted release and after an abort, the routing objects carry no field of Greylane's, and the team's next
/// apply, which changes them, needs no force.
/// </summary>
public sealed class RoutingOwnershipTests
{
    private const string Strategy = """
        canaryLabels: {version: canary}
        steps:
          - replicas: 1
            matches: [{headers: [{name: x-canary, value: "true"}]}]
            pause: manual
        """;

    private static string Manifests(string image, string timeout) => $"""
        {Deployment(SsaBed.Name, Strategy, image: image).Replace("labels: {app: web}}", "labels: {app: web, version: stable}}", StringComparison.Ordinal)}
        ---
        apiVersion: v1
        kind: Service
        metadata: {"{"}name: web{"}"}
        spec:
          selector: {"{"}app: web{"}"}
          ports: [{"{"}name: http, port: 80{"}"}]
        ---
        apiVersion: networking.istio.io/v1
        kind: DestinationRule
        metadata: {"{"}name: web{"}"}
        spec:
          host: web
          subsets: [{"{"}name: stable, labels: {"{"}version: stable{"}"}{"}"}]
        ---
        apiVersion: networking.istio.io/v1
        kind: VirtualService
        metadata: {"{"}name: web{"}"}
        spec:
          hosts: [web]
          http:
            - timeout: {timeout}
              route: [{"{"}destination: {"{"}host: web, subset: stable{"}"}{"}"}]
        """;

    [Theory]
    [InlineData("promote")]
    [InlineData("abort")]
    public async Task After_the_release_ends_routing_carries_no_greylane_field_and_the_next_apply_needs_no_force(string command)
    {
        await using var ssa = await SsaBed.StartAsync(istio: true);
        await ssa.ApplyOkAsync(Manifests("web:v1", "5s"));
        await ssa.UntilAsync(d => d.Status?.AvailableReplicas == 2, "available");
        var original = (await ssa.IstioAsync("virtualservices", "web"))["spec"]!.DeepClone();

        await ssa.ApplyOkAsync(Manifests("web:v2", "5s"));
        await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);

        var routed = await Eventually.UntilAsync(() => ssa.IstioAsync("virtualservices", "web"), vs => vs["spec"]!.ToJsonString().Contains("x-canary", StringComparison.Ordinal), "routed");
        Assert.False(FieldOwners.Owns(routed));
        Assert.False(FieldOwners.Owns(await ssa.IstioAsync("destinationrules", "web")));

        await ssa.Bed.CommandAsync(SsaBed.Name, command);
        var ended = command == "promote" ? RolloutPhase.Completed : RolloutPhase.RolledBack;
        await ssa.UntilAsync(d => Phase(d) == ended, $"phase {ended}");
        await Eventually.UntilAsync(
            async () => (await ssa.IstioAsync("virtualservices", "web"), await ssa.IstioAsync("destinationrules", "web")),
            objects => !FieldOwners.Owns(objects.Item1) && !FieldOwners.Owns(objects.Item2),
            "routing restored and handed back");

        var restored = await ssa.IstioAsync("virtualservices", "web");
        Assert.True(JsonNode.DeepEquals(original, restored["spec"]), restored["spec"]!.ToJsonString());
        Assert.Null(restored["metadata"]?["annotations"]?[GreylaneKeys.Origin]);
        Assert.False(FieldOwners.Owns(ssa.Stored(BuiltInResources.Services, "web")));
        var deployment = ssa.Stored(BuiltInResources.Deployments, SsaBed.Name);
        Assert.All(ManagedPaths.Owned(deployment, FieldOwners.Greylane), p => Assert.Contains(p, new[] { "spec.paused", $"metadata.annotations.{GreylaneKeys.Status}" }));

        // The team changes its routing and ships again (or, after an abort, reverts): a plain apply.
        var next = command == "promote" ? "web:v3" : "web:v1";
        await ssa.ApplyOkAsync(Manifests(next, "7s"));

        Assert.Equal("7s", (await ssa.IstioAsync("virtualservices", "web"))["spec"]!["http"]![0]!["timeout"]!.GetValue<string>());
        Assert.Equal(next, (await ssa.GetAsync()).Spec.Template.Spec.Containers[0].Image);
    }
}
