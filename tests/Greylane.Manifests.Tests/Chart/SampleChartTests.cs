using Greylane.Core;
using Greylane.Core.Strategy;
using Greylane.Manifests.Rendering.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Chart.Tests;

/// <summary>manifests/samples/chart with its default values: an opted-in Deployment with a short replica-only strategy.</summary>
public sealed class SampleChartTests
{
    private static string SampleChart => RepositoryRoot.Combine("manifests", "samples", "chart");

    private static async Task<RenderedManifests> RenderAsync(params string[] options) =>
        RenderedManifests.Parse(await HelmCommand.Offline().OkAsync(["template", "web", SampleChart, .. options]));

    [Fact]
    public async Task Lint_passes() =>
        await HelmCommand.Offline().OkAsync("lint", SampleChart, "--strict");

    [Fact]
    public async Task Default_deployment_is_opted_in_with_short_replica_only_steps()
    {
        var deployment = (await RenderAsync()).Single("Deployment", "web");
        var annotations = deployment["metadata"]!["annotations"]!;

        var read = StrategyReader.Read(ManifestJson.Text(annotations[GreylaneKeys.Strategy]));

        Assert.Equal("true", ManifestJson.Text(annotations[GreylaneKeys.Enabled]));
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.InRange(read.Strategy!.Steps.Count, 1, 2);
        Assert.All(read.Strategy.Steps, step =>
        {
            Assert.False(step.ChangesRouting);
            Assert.Empty(step.Analysis);
            Assert.False(step.Pause.IsManual);
            Assert.InRange(step.Pause.Duration, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));
        });
    }

    [Fact]
    public async Task Istio_values_add_a_stable_subset_and_a_strategy_that_routes_canary_pods_outside_it()
    {
        var istio = RepositoryRoot.Combine("manifests", "samples", "chart", "values-istio.yaml");
        await HelmCommand.Offline().OkAsync("lint", SampleChart, "--strict", "-f", istio);
        var manifests = await RenderAsync("-f", istio);
        var deployment = manifests.Single("Deployment", "web");

        var read = StrategyReader.Read(ManifestJson.Text(deployment["metadata"]!["annotations"]![GreylaneKeys.Strategy]));

        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.All(read.Strategy!.Steps, step => Assert.True(step.ChangesRouting));
        Assert.Equal("stable", ManifestJson.Text(deployment["spec"]!["template"]!["metadata"]!["labels"]!["version"]));
        Assert.Equal("canary", read.Strategy.CanaryLabels["version"]);
        Assert.Equal("""{"version":"stable"}""", manifests.Single("DestinationRule", "web")["spec"]!["subsets"]![0]!["labels"]!.ToJsonString());
        Assert.Equal("stable", ManifestJson.Text(manifests.Single("VirtualService", "web")["spec"]!["http"]![0]!["route"]![0]!["destination"]!["subset"]));
    }

    [Fact]
    public async Task Values_set_the_image_tag_and_replicas_and_can_opt_out()
    {
        var manifests = await RenderAsync("--set", "image.tag=2.0", "--set", "replicas=4", "--set", "greylane.enabled=false");
        var deployment = manifests.Single("Deployment", "web");

        Assert.Equal("greylane/sample-service:2.0", ManifestJson.Text(deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"]));
        Assert.Equal(4, ManifestJson.Whole(deployment["spec"]!["replicas"]));
        Assert.Null(deployment["metadata"]!["annotations"]);
        Assert.Equal(deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString(), manifests.Single("Service", "web")["spec"]!["selector"]!.ToJsonString());
    }
}
