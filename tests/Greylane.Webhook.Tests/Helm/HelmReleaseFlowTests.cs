using Greylane.Testing.Processes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>Transparent releases through helm: the webhook and the controller running, helm shipping the sample chart.</summary>
public sealed class HelmReleaseFlowTests
{
    private static Task<k8s.Models.V1Deployment> UntilAsync(HelmBed helm, Func<k8s.Models.V1Deployment, bool> condition, string what) =>
        Eventually.UntilAsync(helm.GetAsync, condition, what);

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_upgrade_gets_a_canary_promote_completes_and_helm_still_describes_what_runs(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.InstallAsync();

        await helm.UpgradeAsync("--set", "image.tag=2.0");

        var held = await UntilAsync(helm, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        var canary = Assert.Single(await helm.Bed.CanariesAsync());
        Assert.True(held.Spec.Paused);
        Assert.Equal("greylane/sample-service:2.0", canary.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("deployed", await helm.StatusAsync());

        await helm.Bed.CommandAsync(HelmBed.Release, "promote");

        var done = await UntilAsync(helm, d => Phase(d) == RolloutPhase.Completed && Annotation(d, GreylaneKeys.Release) is null, "promoted");
        Assert.NotEqual(true, done.Spec.Paused);
        Assert.Equal(2, done.Status.UpdatedReplicas);
        Assert.Empty(await helm.Bed.CanariesAsync());
        Assert.Equal("deployed", await helm.StatusAsync());
        Assert.Equal((await helm.TemplateAsync("--set", "image.tag=2.0")).Trim(), (await helm.ManifestAsync()).Trim());
        Assert.Equal("greylane/sample-service:2.0", HelmBed.Image(done));
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task A_later_helm_upgrade_with_an_unchanged_template_neither_starts_a_release_nor_undoes_Greylane(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");
        await UntilAsync(helm, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        await helm.Bed.CommandAsync(HelmBed.Release, "promote");
        var promoted = await UntilAsync(helm, d => Phase(d) == RolloutPhase.Completed && Annotation(d, GreylaneKeys.Release) is null, "promoted");

        var unchanged = await helm.UpgradeAsync("--set", "image.tag=2.0");
        var same = await helm.GetAsync();

        // Same template, another replica count: helm's three-way merge patches only what the chart changed.
        var warnings = await helm.UpgradeAsync("--set", "image.tag=2.0", "--set", "replicas=3");

        var after = await UntilAsync(helm, d => d.Status?.AvailableReplicas == 3, "scaled to 3");
        Assert.DoesNotContain("held for canary", unchanged + warnings, StringComparison.Ordinal);
        Assert.Equal(promoted.Metadata.Generation, same.Metadata.Generation);
        // The same status, but for the controller's own bookkeeping that the release annotation is gone: it is noted by
        // whichever reconcile comes first after the promotion, so before or after the upgrade.
        Assert.Equal(
            WithoutReleaseCleared(promoted.Metadata.Annotations[GreylaneKeys.Status]),
            WithoutReleaseCleared(same.Metadata.Annotations[GreylaneKeys.Status]));
        Assert.NotEqual(true, after.Spec.Paused);
        Assert.Null(Annotation(after, GreylaneKeys.Release));
        Assert.Equal(Annotation(promoted, GreylaneKeys.Stable), Annotation(after, GreylaneKeys.Stable));
        Assert.Equal(RolloutPhase.Completed, Phase(after));
        Assert.Equal("true", after.Metadata.Labels[GreylaneKeys.Managed]);
        Assert.Equal("greylane/sample-service:2.0", HelmBed.Image(after));
        Assert.Empty(await helm.Bed.CanariesAsync());
        Assert.Equal(3, after.Status.UpdatedReplicas);
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task A_second_helm_upgrade_mid_release_supersedes_it_with_a_new_canary(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");
        var first = await UntilAsync(helm, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");

        var warnings = await helm.UpgradeAsync("--set", "image.tag=3.0");

        var second = await UntilAsync(
            helm,
            d => Annotation(d, GreylaneKeys.Release) != Annotation(first, GreylaneKeys.Release) && Phase(d) == RolloutPhase.StepPaused && Status(d).Release == Annotation(d, GreylaneKeys.Release),
            "the new release paused at step 1");
        var canary = Assert.Single(await Eventually.UntilAsync(helm.Bed.CanariesAsync, c => c.Count == 1, "one canary"));
        Assert.Contains("supersedes", warnings, StringComparison.Ordinal);
        Assert.True(second.Spec.Paused);
        Assert.Equal(Annotation(first, GreylaneKeys.Stable), Annotation(second, GreylaneKeys.Stable));
        Assert.Equal("greylane/sample-service:3.0", canary.Spec.Template.Spec.Containers[0].Image);
        Assert.Equal("deployed", await helm.StatusAsync());
    }

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task Helm_rollback_mid_release_unpauses_at_once_and_the_canary_is_removed(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        await helm.InstallAsync();
        await helm.UpgradeAsync("--set", "image.tag=2.0");
        await UntilAsync(helm, d => Phase(d) == RolloutPhase.StepPaused, "step 1 paused");
        Assert.Single(await helm.Bed.CanariesAsync());

        await helm.RollbackAsync(1);

        var reverted = await helm.GetAsync();
        Assert.NotEqual(true, reverted.Spec.Paused);
        Assert.Null(Annotation(reverted, GreylaneKeys.Release));
        Assert.Equal("greylane/sample-service:1.0", HelmBed.Image(reverted));
        await Eventually.UntilAsync(helm.Bed.CanariesAsync, c => c.Count == 0, "canary removed");
        var settled = await UntilAsync(helm, d => d.Status?.UpdatedReplicas == 2 && d.Status.AvailableReplicas == 2, "stable pods available");
        Assert.Equal("deployed", await helm.StatusAsync());
        Assert.Equal((await helm.TemplateAsync()).Trim(), (await helm.ManifestAsync()).Trim());
        Assert.NotEqual(true, settled.Spec.Paused);
    }

    private static string WithoutReleaseCleared(string status) =>
        System.Text.RegularExpressions.Regex.Replace(status, "\"releaseCleared\":(true|false),?", "");
}
