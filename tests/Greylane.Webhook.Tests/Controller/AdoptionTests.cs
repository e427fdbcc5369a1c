using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class AdoptionTests
{
    [Fact]
    public async Task The_deployment_neither_adopts_scales_nor_deletes_its_canary_and_deleting_it_collects_the_canary()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", "steps:\n  - replicas: 1\n    pause: manual", replicas: 3);
        await bed.ReleaseToPauseAsync("web");
        var before = Assert.Single(await bed.CanariesAsync());

        // Give the Deployment controller every chance to adopt or resize it: scale the Deployment twice.
        await bed.PatchAsync("web", """{"spec":{"replicas":5}}""");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => d.Status?.Replicas == 5, "the Deployment's own pods at 5");
        await bed.PatchAsync("web", """{"spec":{"replicas":3}}""");
        var deployment = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => d.Status?.Replicas == 3 && d.Status.AvailableReplicas == 3, "back to 3");

        var after = Assert.Single(await bed.CanariesAsync());
        Assert.Equal(before.Metadata.Uid, after.Metadata.Uid);
        Assert.Equal(1, after.Spec.Replicas);
        var owner = Assert.Single(after.Metadata.OwnerReferences);
        Assert.Equal(deployment.Metadata.Uid, owner.Uid);
        Assert.False(owner.Controller);
        Assert.DoesNotContain("app", after.Metadata.Labels.Keys);
        Assert.Equal(3, deployment.Status.Replicas);

        await bed.Client.AppsV1.DeleteNamespacedDeploymentAsync("web", ControllerBed.Namespace);

        await Eventually.UntilAsync(bed.CanariesAsync, c => c.Count == 0, "canary garbage-collected");
    }
}
