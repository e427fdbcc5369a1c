using Greylane.Testing.Processes;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>The sample chart with its Istio objects (values-istio.yaml): helm rollback mid-release restores routing.</summary>
public sealed class HelmRoutingTests
{
    // values-istio.yaml's routing, but a manual pause so that the test decides when the release moves on.
    private const string ManualHeaderStep = """
        greylane:
          strategy: |
            canaryLabels: {version: canary}
            steps:
              - replicas: 1
                matches: [{headers: [{name: x-canary, value: "true"}]}]
                pause: manual
        """;

    private static async Task<JsonObject> IstioSpecAsync(HelmBed helm, string plural)
    {
        var obj = await helm.Bed.Client.CustomObjects.GetNamespacedCustomObjectAsync("networking.istio.io", "v1", ControllerBed.Namespace, plural, HelmBed.Release);
        return JsonSerializer.SerializeToNode(obj)!["spec"]!.AsObject();
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_rollback_mid_release_restores_the_virtual_service_and_destination_rule(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.Bed.Sandbox.ApplyIstioCrdsAsync();
        string[] values = ["-f", RepositoryRoot.Combine("manifests", "samples", "chart", "values-istio.yaml"), .. helm.Values("manual", ManualHeaderStep)];
        await helm.InstallAsync(values);
        var virtualService = await IstioSpecAsync(helm, "virtualservices");
        var destinationRule = await IstioSpecAsync(helm, "destinationrules");

        await helm.UpgradeAsync([.. values, "--set", "image.tag=2.0"]);

        await Eventually.UntilAsync(helm.GetAsync, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        var routed = await IstioSpecAsync(helm, "virtualservices");
        Assert.Contains("x-canary", routed.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains("canary", (await IstioSpecAsync(helm, "destinationrules"))["subsets"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()));

        await helm.RollbackAsync(1);

        var reverted = await helm.GetAsync();
        Assert.NotEqual(true, reverted.Spec.Paused);
        Assert.Null(Annotation(reverted, GreylaneKeys.Release));
        await Eventually.UntilAsync(helm.Bed.CanariesAsync, c => c.Count == 0, "canary removed");
        await Eventually.UntilAsync(
            async () => (await IstioSpecAsync(helm, "virtualservices"), await IstioSpecAsync(helm, "destinationrules")),
            specs => JsonNode.DeepEquals(specs.Item1, virtualService) && JsonNode.DeepEquals(specs.Item2, destinationRule),
            "routing restored to the chart's");
        Assert.Equal((await helm.TemplateAsync(values)).Trim(), (await helm.ManifestAsync()).Trim());
    }
}
