using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class LeaderElectionTests
{
    [Fact]
    public async Task A_lease_that_cannot_be_taken_yet_keeps_the_process_up_and_it_leads_once_it_can()
    {
        await using var bed = await ControllerBed.StartAsync();
        var replica = await bed.StartControllerAsync(leaseNamespace: "greylane-late");
        var lifetime = replica.Services.GetRequiredService<IHostApplicationLifetime>();
        await bed.DeployAsync("web", OneStep);
        await bed.SetImageAsync("web", "app", "web:v2");

        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.False(lifetime.ApplicationStopping.IsCancellationRequested, "a failing election stopped the host (and with it the webhook)");
        Assert.Equal(RolloutPhase.Idle, Phase(await bed.GetAsync("web")));

        await bed.Sandbox.ApplyManifestsAsync("apiVersion: v1\nkind: Namespace\nmetadata: {name: greylane-late}");

        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.StepPaused, "the release taken up by the new leader");
    }

    [Fact]
    public async Task A_leader_stopped_gracefully_hands_its_lease_over_and_the_other_replica_takes_the_release_on()
    {
        await using var bed = await ControllerBed.StartAsync();
        var a = await bed.StartControllerAsync("replica-a");
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");
        var b = await bed.StartControllerAsync("replica-b");

        await a.DisposeAsync();

        var lease = await bed.Client.CoordinationV1.ReadNamespacedLeaseAsync("greylane-controller", "greylane-system");
        Assert.NotEqual("replica-a", lease.Spec.HolderIdentity);
        await Eventually.UntilAsync(
            () => bed.Client.CoordinationV1.ReadNamespacedLeaseAsync("greylane-controller", "greylane-system"),
            l => l.Spec.HolderIdentity == "replica-b",
            "replica-b leads");
        await bed.CommandAsync("web", "promote");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted by replica-b");
        GC.KeepAlive(b);
    }

    [Fact]
    public async Task An_unreachable_api_server_never_takes_the_process_down()
    {
        await using var bed = await ControllerBed.StartAsync();
        using var nowhere = new k8s.Kubernetes(new k8s.KubernetesClientConfiguration { Host = "http://127.0.0.1:1" });

        var replica = await bed.StartControllerAsync(client: nowhere);
        await Task.Delay(TimeSpan.FromSeconds(2));

        Assert.False(replica.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping.IsCancellationRequested);
    }
}
