using Greylane.Core;
using Greylane.Core.Ownership;
using Greylane.Core.Rollout;
using Greylane.Sandbox.Storage;
using Greylane.Testing.Hosts;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.ServerSideApply.Tests;

/// <summary>
/// Two field managers on one Deployment, as teams split it: a CI pipeline owns the image (<c>--field-manager ci</c>),
/// the chart owner owns the rest. Greylane takes neither's fields, so each keeps applying without force.
/// </summary>
public sealed class FieldManagerTests
{
    private const string Image = "spec.template.spec.containers[name=app].image";

    // What CI applies: only the image of the one container.
    private static string CiImage(string image) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: {{SsaBed.Name}}}
        spec:
          template:
            spec:
              containers: [{name: app, image: "{{image}}"}]
        """;

    // The team's manifest without the image, which CI owns.
    private static string TeamManifest() =>
        string.Join('\n', SsaBed.Manifest("web:v1").Split('\n').Select(l => l.Contains("image:", StringComparison.Ordinal) ? l.Replace(", image: \"web:v1\"", "", StringComparison.Ordinal) : l));

    private static async Task<SsaBed> SplitOwnershipAsync()
    {
        var ssa = await SsaBed.StartAsync();
        await ssa.ApplyOkAsync(SsaBed.Manifest("web:v1"), "--field-manager", "team");
        await ssa.UntilAsync(d => d.Status?.AvailableReplicas == 2, "available");
        // The documented hand-over: CI applies the same value (shared), then the team stops sending it.
        await ssa.ApplyOkAsync(CiImage("web:v1"), "--field-manager", "ci");
        await ssa.ApplyOkAsync(TeamManifest(), "--field-manager", "team");
        return ssa;
    }

    [Fact]
    public async Task A_CI_pipeline_ships_the_image_the_team_reapplies_the_rest_and_Greylane_takes_neither()
    {
        await using var ssa = await SplitOwnershipAsync();
        var before = ssa.Stored(BuiltInResources.Deployments, SsaBed.Name);
        Assert.Contains(Image, ManagedPaths.Owned(before, "ci"));
        Assert.DoesNotContain(Image, ManagedPaths.Owned(before, "team"));

        Assert.Contains("held for canary", await ssa.ApplyOkAsync(CiImage("web:v2"), "--field-manager", "ci"), StringComparison.Ordinal);
        var held = await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);
        // The team's unchanged manifest mid-release: no conflict, no new release, still held.
        var reapplied = await ssa.ApplyOkAsync(TeamManifest(), "--field-manager", "team");
        var still = await ssa.GetAsync();

        Assert.DoesNotContain("held for canary", reapplied, StringComparison.Ordinal);
        Assert.True(still.Spec.Paused);
        Assert.Equal(Annotation(held, GreylaneKeys.Release), Annotation(still, GreylaneKeys.Release));
        Assert.Equal("web:v2", still.Spec.Template.Spec.Containers[0].Image);

        await ssa.Bed.CommandAsync(SsaBed.Name, "promote");
        await ssa.UntilAsync(d => Phase(d) == RolloutPhase.Completed && Annotation(d, GreylaneKeys.Release) is null, "promoted");

        var after = ssa.Stored(BuiltInResources.Deployments, SsaBed.Name);
        // CI owns what it sends: the image, and the container's key, as in any apply of a keyed list item.
        Assert.Equal([Image, "spec.template.spec.containers[name=app].name"], ManagedPaths.Owned(after, "ci").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(ManagedPaths.Owned(after, FieldOwners.Greylane), p => p.StartsWith("spec.template", StringComparison.Ordinal) || p == "spec.replicas");
        Assert.Contains("held for canary", await ssa.ApplyOkAsync(CiImage("web:v3"), "--field-manager", "ci"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_conflict_is_between_the_two_managers_and_force_conflicts_takes_the_image_into_a_held_release()
    {
        await using var ssa = await SplitOwnershipAsync();

        var (code, _, stderr) = await ssa.ApplyAsync(SsaBed.Manifest("web:v2"), "--field-manager", "team");

        Assert.NotEqual(0, code);
        Assert.Contains("conflict with \"ci\"", stderr, StringComparison.Ordinal);
        Assert.Contains(".spec.template.spec.containers[name=\"app\"].image", stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("greylane", stderr, StringComparison.Ordinal);
        Assert.NotEqual(true, (await ssa.GetAsync()).Spec.Paused);

        var forced = await ssa.ApplyOkAsync(SsaBed.Manifest("web:v2"), "--field-manager", "team", "--force-conflicts");

        Assert.Contains("held for canary", forced, StringComparison.Ordinal);
        await ssa.UntilPhaseAsync(RolloutPhase.StepPaused);
        var stored = ssa.Stored(BuiltInResources.Deployments, SsaBed.Name);
        Assert.Contains(Image, ManagedPaths.Owned(stored, "team"));
        Assert.DoesNotContain(Image, ManagedPaths.Owned(stored, "ci"));
        Assert.Equal(ControllerBed.Namespace, (await ssa.GetAsync()).Metadata.NamespaceProperty);
    }
}
