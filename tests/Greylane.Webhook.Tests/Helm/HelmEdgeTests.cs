using Greylane.Testing.Processes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>helm commands that replace or delete an opted-in Deployment while a release is in progress.</summary>
public sealed class HelmEdgeTests
{
    // helm 3 only: helm 4 renamed --force to --force-replace, which does not combine with server-side apply.
    [Fact]
    public async Task Helm_upgrade_with_force_replaces_the_deployment_and_the_release_stays_held()
    {
        await using var helm = await HelmBed.StartAsync(controller: true);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");
        var held = await Eventually.UntilAsync(helm.GetAsync, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");

        // --force sends the chart's manifest as a PUT: spec.paused and Greylane's annotations are not in it.
        var warnings = await helm.UpgradeAsync("--set", "image.tag=2.0", "--force");

        var after = await helm.GetAsync();
        Assert.Contains("stays paused", warnings, StringComparison.Ordinal);
        Assert.Equal(held.Metadata.Uid, after.Metadata.Uid);
        Assert.True(after.Spec.Paused);
        Assert.Equal(Annotation(held, GreylaneKeys.Release), Annotation(after, GreylaneKeys.Release));
        Assert.Equal(Annotation(held, GreylaneKeys.Stable), Annotation(after, GreylaneKeys.Stable));
        Assert.Single(await helm.Bed.CanariesAsync());
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_uninstall_mid_release_leaves_no_canary_behind(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");
        await Eventually.UntilAsync(helm.GetAsync, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        Assert.Single(await helm.Bed.CanariesAsync());

        await helm.Helm.OkAsync("uninstall", HelmBed.Release, "--namespace", ControllerBed.Namespace, "--wait", "--timeout", "60s");

        await Eventually.UntilAsync(helm.Bed.CanariesAsync, c => c.Count == 0, "canary collected");
        await Eventually.UntilAsync(
            () => Task.FromResult(helm.Bed.Sandbox.Store.List(BuiltInResources.Pods, ControllerBed.Namespace).Count),
            n => n == 0,
            "every pod gone");
        Assert.Null(helm.Bed.Sandbox.Store.Get(BuiltInResources.Deployments, ControllerBed.Namespace, HelmBed.Release));
    }
}
