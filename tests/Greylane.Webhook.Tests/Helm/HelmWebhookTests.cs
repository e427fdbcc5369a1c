using Greylane.Testing.Processes;
using Greylane.Core;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>helm against the sandbox with Greylane's webhook alone (no controller): what admission does to helm's writes.</summary>
public sealed class HelmWebhookTests
{
    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_install_holds_no_release(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: false, version);

        await helm.InstallAsync();

        var deployment = await helm.GetAsync();
        Assert.NotEqual(true, deployment.Spec.Paused);
        Assert.Null(Annotation(deployment, GreylaneKeys.Release));
        Assert.Equal("true", deployment.Metadata.Labels[GreylaneKeys.Managed]);
        Assert.Equal("deployed", await helm.StatusAsync());
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_upgrade_of_the_image_is_held_paused_with_a_release_and_helm_wait_still_returns(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: false, version);
        await helm.InstallAsync();
        var before = await helm.GetAsync();

        var warnings = await helm.UpgradeAsync("--set", "image.tag=2.0");

        var held = await helm.GetAsync();
        Assert.True(held.Spec.Paused);
        Assert.NotNull(Annotation(held, GreylaneKeys.Release));
        Assert.NotNull(Annotation(held, GreylaneKeys.Stable));
        Assert.Equal("greylane/sample-service:2.0", HelmBed.Image(held));
        Assert.Contains("held for canary", warnings, StringComparison.Ordinal);
        Assert.Equal("deployed", await helm.StatusAsync());
        Assert.Equal((await helm.TemplateAsync("--set", "image.tag=2.0")).Trim(), (await helm.ManifestAsync()).Trim());
        Assert.Equal(before.Status.ReadyReplicas, held.Status.ReadyReplicas);
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_rollback_to_the_stable_revision_mid_release_unpauses_at_once(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: false, version);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");

        await helm.RollbackAsync(1);

        var reverted = await helm.GetAsync();
        Assert.NotEqual(true, reverted.Spec.Paused);
        Assert.Null(Annotation(reverted, GreylaneKeys.Release));
        Assert.Equal("greylane/sample-service:1.0", HelmBed.Image(reverted));
        Assert.Equal("deployed", await helm.StatusAsync());
    }
}
