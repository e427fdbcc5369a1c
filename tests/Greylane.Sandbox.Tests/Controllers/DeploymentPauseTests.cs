using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class DeploymentPauseTests
{
    private static readonly ResourceType Deployments = BuiltInResources.Deployments;

    [Fact]
    public async Task Paused_deployment_makes_no_new_replica_set_on_template_change_but_still_scales_and_rolls_once_resumed()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 2));
        await bed.ReadyPodsAsync();
        var stable = K8s.Name(Assert.Single(bed.ReplicaSets()));

        bed.Change(Deployments, "web", d => d["spec"]!["paused"] = true);
        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        await bed.ReadyPodsAsync();

        // Real rule: a paused Deployment does not create the new ReplicaSet; Progressing is Unknown/DeploymentPaused.
        Assert.Equal(stable, K8s.Name(Assert.Single(bed.ReplicaSets())));
        var deployment = bed.Get(Deployments, "web");
        Assert.Equal(("Unknown", "DeploymentPaused"), K8s.ConditionState(deployment, "Progressing"));
        Assert.Equal(K8s.Status(deployment, "observedGeneration"), (int)(long)deployment["metadata"]!["generation"]!);

        // Real rule: scaling still applies to a paused Deployment (sync → scale the only active ReplicaSet).
        bed.Change(Deployments, "web", d => d["spec"]!["replicas"] = 4);
        await bed.ReadyPodsAsync();
        var rs = Assert.Single(bed.ReplicaSets());
        Assert.Equal(4, K8s.SpecReplicas(rs));
        Assert.Equal("4", K8s.Annotation(rs, "deployment.kubernetes.io/desired-replicas"));
        Assert.Equal(4, bed.Pods().Count(K8s.IsReady));

        bed.Change(Deployments, "web", d => d["spec"]!["paused"] = false);
        await bed.SettleAsync();

        // Resuming records DeploymentResumed, then the rollout starts with the new ReplicaSet.
        Assert.Equal(2, bed.ReplicaSets().Count);
        for (var i = 0; i < 10; i++)
        {
            await bed.ReadyPodsAsync();
        }

        deployment = bed.Get(Deployments, "web");
        Assert.Equal(("True", "NewReplicaSetAvailable"), K8s.ConditionState(deployment, "Progressing"));
        Assert.Equal(4, K8s.Status(deployment, "updatedReplicas"));
        Assert.Equal(0, K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, stable)));
        Assert.All(bed.Pods(), p => Assert.Equal("nginx:2", (string?)p["spec"]!["containers"]![0]!["image"]));
    }

    [Fact]
    public async Task Resume_is_recorded_as_DeploymentResumed_before_the_new_replica_set()
    {
        await using var bed = new ControllerTestBed();
        var reasons = new List<string>();
        using var subscription = bed.Store.Subscribe(e =>
        {
            if (e.Resource == Deployments && K8s.ConditionState(e.Object, "Progressing").Reason is { } reason)
            {
                lock (reasons)
                {
                    if (reasons.Count == 0 || reasons[^1] != reason)
                    {
                        reasons.Add(reason);
                    }
                }
            }
        });
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 1, """ "paused": true """));
        await bed.SettleAsync();
        Assert.Empty(bed.ReplicaSets());

        bed.Change(Deployments, "web", d => d["spec"]!["paused"] = false);
        await bed.ReadyPodsAsync();

        // Real rule (checkPausedConditions, getNewReplicaSet, syncRolloutStatus): the Progressing reasons follow in this order.
        Assert.Single(bed.ReplicaSets());
        lock (reasons)
        {
            Assert.Equal(["DeploymentPaused", "DeploymentResumed", "NewReplicaSetCreated", "ReplicaSetUpdated", "NewReplicaSetAvailable"], reasons);
        }
    }

    [Fact]
    public async Task Scaling_a_paused_deployment_mid_rollout_is_proportional()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 10,
            """ "strategy": { "rollingUpdate": { "maxSurge": 3, "maxUnavailable": 2 } } """));
        await bed.ReadyPodsAsync();
        var old = K8s.Name(Assert.Single(bed.ReplicaSets()));
        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        await bed.SettleAsync();
        bed.Change(Deployments, "web", d => d["spec"]!["paused"] = true);
        await bed.SettleAsync();
        var fresh = K8s.Name(bed.ReplicaSets().Single(rs => K8s.Name(rs) != old));
        Assert.Equal((8, 5), (K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, old)), K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, fresh))));

        bed.Change(Deployments, "web", d => d["spec"]!["replicas"] = 20);
        await bed.SettleAsync();

        // Real rule (scale, proportional): 23 allowed (20 + surge 3), 10 more shared by each ReplicaSet's share of the
        // 13 max-replicas it was scaled for: old round(8*23/13)=14 → +6, new round(5*23/13)=9 → +4.
        Assert.Equal(14, K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, old)));
        Assert.Equal(9, K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, fresh)));
        Assert.All(bed.ReplicaSets(), rs => Assert.Equal("23", K8s.Annotation(rs, "deployment.kubernetes.io/max-replicas")));
    }

    [Fact]
    public async Task Reverting_the_template_reuses_the_old_replica_set_with_the_next_revision()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 2));
        await bed.ReadyPodsAsync();
        var first = K8s.Name(Assert.Single(bed.ReplicaSets()));
        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        for (var i = 0; i < 5; i++)
        {
            await bed.ReadyPodsAsync();
        }

        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:1"));
        for (var i = 0; i < 5; i++)
        {
            await bed.ReadyPodsAsync();
        }

        // Real rule (FindNewReplicaSet + SetNewReplicaSetAnnotations): the ReplicaSet whose template equals the
        // Deployment's is the new one again; it is scaled back up and gets revision 3, remembering revision 1.
        Assert.Equal(2, bed.ReplicaSets().Count);
        var reused = bed.Get(BuiltInResources.ReplicaSets, first);
        Assert.Equal(2, K8s.SpecReplicas(reused));
        Assert.Equal("3", K8s.Annotation(reused, "deployment.kubernetes.io/revision"));
        Assert.Equal("1", K8s.Annotation(reused, "deployment.kubernetes.io/revision-history"));
        Assert.Equal("3", K8s.Annotation(bed.Get(Deployments, "web"), "deployment.kubernetes.io/revision"));
        Assert.All(bed.Pods(), p => Assert.Equal(K8s.Uid(reused), K8s.ControllerUid(p)));
    }
}
