using Greylane.Testing.Processes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Testing.Waiting;
using Greylane.Webhook.Controller.Tests;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Helm.Tests;

/// <summary>
/// A release Greylane rolled back while helm reports the upgrade as deployed (helm --wait never waits for a canary):
/// helm rollback is how helm's record and the cluster agree again.
/// </summary>
public sealed class HelmRolledBackTests
{
    private const string FastDeadline = """
        greylane:
          strategy: |
            progressDeadline: 2s
            steps:
              - replicas: 1
                pause: manual
        """;

    [Theory]
    [InlineData(HelmVersion.Helm3)]
    [InlineData(HelmVersion.Helm4)]
    public async Task After_Greylane_rolls_back_a_faulty_canary_helm_rollback_unpauses_the_stable_version_at_once(HelmVersion version)
    {
        await using var helm = await HelmBed.StartAsync(controller: true, version);
        var values = helm.Values("fast-deadline", FastDeadline);
        await helm.InstallAsync(values);

        // The sandbox never pulls images whose tag starts with fail-: the canary never gets ready.
        await helm.UpgradeAsync([.. values, "--set", "image.tag=fail-2.0"]);

        var rolledBack = await Eventually.UntilAsync(helm.GetAsync, d => Phase(d) == RolloutPhase.RolledBack, "rolled back at the progress deadline");
        await Eventually.UntilAsync(helm.Bed.CanariesAsync, c => c.Count == 0, "canary deleted");
        Assert.True(rolledBack.Spec.Paused);
        Assert.Equal("greylane/sample-service:fail-2.0", HelmBed.Image(rolledBack));
        Assert.Equal("deployed", await helm.StatusAsync());

        await helm.RollbackAsync(1);

        var reverted = await helm.GetAsync();
        Assert.NotEqual(true, reverted.Spec.Paused);
        Assert.Null(Annotation(reverted, GreylaneKeys.Release));
        Assert.Equal("greylane/sample-service:1.0", HelmBed.Image(reverted));
        await Eventually.UntilAsync(helm.GetAsync, d => d.Status?.AvailableReplicas == 2 && d.Status.UpdatedReplicas == 2, "stable pods available");
        Assert.Equal((await helm.TemplateAsync(values)).Trim(), (await helm.ManifestAsync()).Trim());
    }
}
