using Greylane.Core;
using Greylane.Core.Ownership;
using Greylane.Core.Rollout;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Waiting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.ServerSideApply.Tests;

/// <summary>Transparent releases through <c>kubectl apply --server-side</c> (kubectl 1.35): never a conflict with Greylane.</summary>
public sealed class KubectlReleaseTests
{
    // What Greylane may keep on a Deployment after a release: the pause it handed back and its status.
    private static readonly string[] GreylaneMayOwn = ["spec.paused", $"metadata.annotations.{GreylaneKeys.Status}"];

    [Fact]
    public async Task A_new_image_applied_server_side_is_held_promoted_and_the_next_apply_needs_no_force()
    {
        await using var ssa = await SsaBed.StartAsync();
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v1"));
        await ssa.UntilAsync(d => d.Status?.AvailableReplicas == 2, "available");

        var warnings = await ssa.ApplyOkAsync(SsaBed.Manifest("web:v2"));

        var held = await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);
        Assert.Contains("held for canary", warnings, StringComparison.Ordinal);
        Assert.True(held.Spec.Paused);
        Assert.Equal("web:v2", Assert.Single(await ssa.Bed.CanariesAsync()).Spec.Template.Spec.Containers[0].Image);
        // The pause and the release annotations came from the webhook: ownership was recorded before it, so they are nobody's.
        var owned = ManagedPaths.Of(ssa.Stored(BuiltInResources.Deployments, SsaBed.Name)).Values.SelectMany(p => p).ToList();
        Assert.DoesNotContain("spec.paused", owned);
        Assert.DoesNotContain($"metadata.annotations.{GreylaneKeys.Release}", owned);
        Assert.DoesNotContain($"metadata.labels.{GreylaneKeys.Managed}", owned);

        await ssa.Bed.CommandAsync(SsaBed.Name, "promote");
        var done = await ssa.UntilAsync(d => Phase(d) == RolloutPhase.Completed && Annotation(d, GreylaneKeys.Release) is null, "promoted");

        Assert.NotEqual(true, done.Spec.Paused);
        var stored = ssa.Stored(BuiltInResources.Deployments, SsaBed.Name);
        Assert.All(ManagedPaths.Owned(stored, FieldOwners.Greylane), path => Assert.Contains(path, GreylaneMayOwn));
        Assert.Contains("spec.template.spec.containers[name=app].image", ManagedPaths.Owned(stored, "kubectl"));

        // The next release is an ordinary apply: no --force-conflicts.
        Assert.Contains("held for canary", await ssa.ApplyOkAsync(SsaBed.Manifest("web:v3")), StringComparison.Ordinal);
        await ssa.UntilAsync(d => Phase(d) == RolloutPhase.StepPaused && Status(d).Release == Annotation(d, GreylaneKeys.Release), "the next release held");
    }

    [Fact]
    public async Task A_server_side_dry_run_of_the_unchanged_manifest_mid_release_shows_no_drift()
    {
        await using var ssa = await SsaBed.StartAsync();
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v1"));
        await ssa.UntilAsync(d => d.Status?.AvailableReplicas == 2, "available");
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v2"));
        var held = await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);

        var diff = await ssa.Kubectl.RunWithInputAsync(SsaBed.Manifest("web:v2"), "diff", "--server-side", "-n", "shop", "-f", "-");
        var dryRun = await ssa.ApplyOkAsync(SsaBed.Manifest("web:v2"), "--dry-run=server");
        // What Flux's drift detection and Argo CD's server-side diff do: a dry-run apply, compared with the live object.
        var predicted = await ssa.Kubectl.RunWithInputAsync(SsaBed.Manifest("web:v2"), "apply", "--server-side", "--dry-run=server", "-n", "shop", "-f", "-", "-o", "json");

        Assert.True(diff.ExitCode == 0, $"kubectl diff --server-side exited {diff.ExitCode}: {diff.Stdout}{diff.Stderr}");
        Assert.Empty(diff.Stdout);
        Assert.DoesNotContain("greylane", dryRun, StringComparison.Ordinal);
        var json = System.Text.Json.Nodes.JsonNode.Parse(predicted.Stdout)!;
        Assert.True(json["spec"]!["paused"]!.GetValue<bool>());
        Assert.Equal(Annotation(held, GreylaneKeys.Release), json["metadata"]!["annotations"]![GreylaneKeys.Release]!.GetValue<string>());
        var after = await ssa.GetAsync();
        Assert.Equal(held.Metadata.ResourceVersion, after.Metadata.ResourceVersion);
        Assert.Single(await ssa.Bed.CanariesAsync());
    }

    [Fact]
    public async Task Reapplying_the_stable_manifest_reverts_at_once_and_a_third_image_supersedes()
    {
        await using var ssa = await SsaBed.StartAsync();
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v1"));
        await ssa.UntilAsync(d => d.Status?.AvailableReplicas == 2, "available");
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v2"));
        var first = await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);

        var superseding = await ssa.ApplyOkAsync(SsaBed.Manifest("web:v3"));

        Assert.Contains("supersedes", superseding, StringComparison.Ordinal);
        var second = await ssa.UntilAsync(
            d => Annotation(d, GreylaneKeys.Release) != Annotation(first, GreylaneKeys.Release) && Phase(d) == RolloutPhase.StepPaused && Status(d).Release == Annotation(d, GreylaneKeys.Release),
            "the new release paused at step 1");
        Assert.Equal("web:v3", Assert.Single(await Eventually.UntilAsync(ssa.Bed.CanariesAsync, c => c.Count == 1, "one canary")).Spec.Template.Spec.Containers[0].Image);

        var reverting = await ssa.ApplyOkAsync(SsaBed.Manifest("web:v1"));

        Assert.Contains("back on stable", reverting, StringComparison.Ordinal);
        var reverted = await ssa.GetAsync();
        Assert.NotEqual(true, reverted.Spec.Paused);
        Assert.Null(Annotation(reverted, GreylaneKeys.Release));
        Assert.Equal(Annotation(second, GreylaneKeys.Stable), Annotation(reverted, GreylaneKeys.Stable));
        await Eventually.UntilAsync(ssa.Bed.CanariesAsync, c => c.Count == 0, "canary removed");
        await ssa.UntilAsync(d => d.Status?.UpdatedReplicas == 2 && d.Status.AvailableReplicas == 2, "stable pods available");
    }
}
