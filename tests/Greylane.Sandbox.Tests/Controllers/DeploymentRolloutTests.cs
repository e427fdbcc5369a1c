using System.Text.RegularExpressions;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed partial class DeploymentRolloutTests
{
    private static readonly ResourceType Deployments = BuiltInResources.Deployments;

    [GeneratedRegex("^web-[bcdfghjklmnpqrstvwxz2456789]+$")]
    private static partial Regex ReplicaSetName();

    [GeneratedRegex("^web-[bcdfghjklmnpqrstvwxz2456789]+-[bcdfghjklmnpqrstvwxz2456789]{5}$")]
    private static partial Regex PodName();

    [Fact]
    public async Task Create_makes_a_hash_named_replica_set_and_pods_then_reports_the_deployment_available()
    {
        await using var bed = new ControllerTestBed();
        var deployment = bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 3));
        await bed.SettleAsync();

        // Real rule: the new ReplicaSet is <deployment>-<pod-template-hash>, carries the hash in labels, selector and
        // template, a controller ownerReference, revision 1 and desired/max-replicas (3 + 25% surge rounded up).
        var rs = Assert.Single(bed.ReplicaSets());
        var hash = K8s.Label(rs, "pod-template-hash");
        Assert.Equal("web-" + hash, K8s.Name(rs));
        Assert.Matches(ReplicaSetName(), K8s.Name(rs));
        Assert.Equal(hash, (string?)rs["spec"]!["selector"]!["matchLabels"]!["pod-template-hash"]);
        Assert.Equal(hash, (string?)rs["spec"]!["template"]!["metadata"]!["labels"]!["pod-template-hash"]);
        Assert.Equal(K8s.Uid(deployment), K8s.ControllerUid(rs));
        Assert.Equal("1", K8s.Annotation(rs, "deployment.kubernetes.io/revision"));
        Assert.Equal("3", K8s.Annotation(rs, "deployment.kubernetes.io/desired-replicas"));
        Assert.Equal("4", K8s.Annotation(rs, "deployment.kubernetes.io/max-replicas"));
        Assert.Equal(3, K8s.SpecReplicas(rs));

        // Real rule: pods are <rs>-<5 random chars>, labelled from the template, controlled by the ReplicaSet, Pending at first.
        var pods = bed.PodsOf(rs);
        Assert.Equal(3, pods.Count);
        Assert.All(pods, p => Assert.Matches(PodName(), K8s.Name(p)));
        Assert.All(pods, p => Assert.Equal("web", K8s.Label(p, "app")));
        Assert.All(pods, p => Assert.Equal("Pending", (string?)p["status"]!["phase"]));
        Assert.Equal(("False", "MinimumReplicasUnavailable"), K8s.ConditionState(bed.Get(Deployments, "web"), "Available"));

        await bed.ReadyPodsAsync();

        Assert.All(bed.Pods(), p => Assert.True(K8s.IsReady(p)));
        Assert.All(bed.Pods(), p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
        Assert.All(bed.Pods(), p => Assert.StartsWith("10.244.", (string?)p["status"]!["podIP"], StringComparison.Ordinal));
        rs = Assert.Single(bed.ReplicaSets());
        Assert.Equal((3, 3, 3, 3), (K8s.Status(rs, "replicas"), K8s.Status(rs, "readyReplicas"), K8s.Status(rs, "availableReplicas"), K8s.Status(rs, "fullyLabeledReplicas")));

        // What `kubectl rollout status` reads: observedGeneration caught up, all counts equal, NewReplicaSetAvailable.
        deployment = bed.Get(Deployments, "web");
        Assert.Equal(1, K8s.Status(deployment, "observedGeneration"));
        Assert.Equal((3, 3, 3, 3, 0), (K8s.Status(deployment, "replicas"), K8s.Status(deployment, "updatedReplicas"),
            K8s.Status(deployment, "readyReplicas"), K8s.Status(deployment, "availableReplicas"), K8s.Status(deployment, "unavailableReplicas")));
        Assert.Equal(("True", "MinimumReplicasAvailable"), K8s.ConditionState(deployment, "Available"));
        Assert.Equal(("True", "NewReplicaSetAvailable"), K8s.ConditionState(deployment, "Progressing"));
        Assert.Equal("1", K8s.Annotation(deployment, "deployment.kubernetes.io/revision"));
    }

    [Fact]
    public async Task Image_change_rolls_over_within_max_surge_and_max_unavailable_at_every_step()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 10,
            """ "strategy": { "type": "RollingUpdate", "rollingUpdate": { "maxSurge": 3, "maxUnavailable": "20%" } } """));
        await bed.ReadyPodsAsync();
        var oldRs = Assert.Single(bed.ReplicaSets());

        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        await bed.SettleAsync();

        // First steps, as the real controller computes them: surge to 13 pods (new 3), scale the old down to keep
        // 10 - 2 = 8 available, then surge again into the room that made (new 5); nothing more until pods are available.
        var newRs = bed.ReplicaSets().Single(rs => K8s.Name(rs) != K8s.Name(oldRs));
        Assert.Equal(5, K8s.SpecReplicas(newRs));
        Assert.Equal(8, K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, K8s.Name(oldRs))));
        Assert.Equal("2", K8s.Annotation(newRs, "deployment.kubernetes.io/revision"));

        for (var step = 0; step < 20 && !IsRolledOut(bed, K8s.Name(newRs)); step++)
        {
            // Real rule (maxSurge rounds up, maxUnavailable rounds down): never more than 13 pods, never fewer than 8 ready.
            var pods = bed.Pods();
            Assert.InRange(pods.Count, 0, 13);
            Assert.InRange(bed.ReplicaSets().Sum(K8s.SpecReplicas), 0, 13);
            Assert.InRange(pods.Count(K8s.IsReady), 8, 13);
            await bed.ReadyPodsAsync();
        }

        Assert.True(IsRolledOut(bed, K8s.Name(newRs)));
        Assert.Equal(0, K8s.SpecReplicas(bed.Get(BuiltInResources.ReplicaSets, K8s.Name(oldRs))));
        Assert.All(bed.Pods(), p => Assert.Equal(K8s.Uid(newRs), K8s.ControllerUid(p)));
        var deployment = bed.Get(Deployments, "web");
        Assert.Equal("2", K8s.Annotation(deployment, "deployment.kubernetes.io/revision"));
        Assert.Equal(("True", "NewReplicaSetAvailable"), K8s.ConditionState(deployment, "Progressing"));
        Assert.Equal((10, 10, 10), (K8s.Status(deployment, "replicas"), K8s.Status(deployment, "updatedReplicas"), K8s.Status(deployment, "availableReplicas")));
    }

    [Fact]
    public async Task Recreate_deletes_every_old_pod_before_the_new_replica_set_gets_any()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 3, """ "strategy": { "type": "Recreate" } """));
        await bed.ReadyPodsAsync();
        var oldRs = Assert.Single(bed.ReplicaSets());
        var events = new List<StoreEvent>();
        using var subscription = bed.Store.Subscribe(e =>
        {
            lock (events)
            {
                events.Add(e);
            }
        });

        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        await bed.SettleAsync();

        // Real rule (rolloutRecreate): scale old to 0 and wait until no old pod is left, only then create/scale the new one.
        List<StoreEvent> seen;
        lock (events)
        {
            seen = [.. events];
        }

        var lastOldPodDeleted = seen.FindLastIndex(e => e.Type == "DELETED" && e.Resource == BuiltInResources.Pods && K8s.ControllerUid(e.Object) == K8s.Uid(oldRs));
        var newRsCreated = seen.FindIndex(e => e.Type == "ADDED" && e.Resource == BuiltInResources.ReplicaSets);
        Assert.True(lastOldPodDeleted >= 0 && newRsCreated > lastOldPodDeleted, "new ReplicaSet created before every old pod was gone");
        var newRs = bed.ReplicaSets().Single(rs => K8s.Name(rs) != K8s.Name(oldRs));
        Assert.Equal(3, K8s.SpecReplicas(newRs));
        Assert.Equal(3, bed.PodsOf(newRs).Count);
        Assert.Equal(3, bed.Pods().Count);
    }

    [Fact]
    public async Task Old_replica_sets_beyond_revision_history_limit_are_deleted()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 1, """ "revisionHistoryLimit": 1 """));
        await bed.ReadyPodsAsync();
        foreach (var image in new[] { "nginx:2", "nginx:3", "nginx:4" })
        {
            bed.Change(Deployments, "web", d => K8s.SetImage(d, image));
            for (var i = 0; i < 5; i++)
            {
                await bed.ReadyPodsAsync();
            }
        }

        // Real rule (cleanupDeployment): keep revisionHistoryLimit scaled-down old ReplicaSets, delete the oldest revisions.
        var revisions = bed.ReplicaSets().Select(K8s.Revision).Order().ToList();
        Assert.Equal([3, 4], revisions);
    }

    private static bool IsRolledOut(ControllerTestBed bed, string newRs)
    {
        var d = bed.Get(Deployments, "web");
        return K8s.Status(bed.Get(BuiltInResources.ReplicaSets, newRs), "availableReplicas") == 10
            && bed.ReplicaSets().Where(rs => K8s.Name(rs) != newRs).All(rs => K8s.SpecReplicas(rs) == 0 && K8s.Status(rs, "replicas") == 0)
            && K8s.Status(d, "updatedReplicas") == 10 && K8s.Status(d, "availableReplicas") == 10 && K8s.Status(d, "replicas") == 10;
    }
}
