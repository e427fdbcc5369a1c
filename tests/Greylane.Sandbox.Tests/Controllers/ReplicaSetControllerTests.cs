using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class ReplicaSetControllerTests
{
    private static readonly ResourceType ReplicaSets = BuiltInResources.ReplicaSets;

    [Fact]
    public async Task Scaling_up_creates_pods_from_the_template_and_scaling_down_deletes_not_ready_pods_first()
    {
        await using var bed = new ControllerTestBed();
        var rs = bed.Create(ReplicaSets, AdoptionTests.ReplicaSet("db", """{ "app": "db" }""", """{ "app": "db" }""",
            AdoptionTests.PodTemplate("""{ "app": "db", "tier": "data" }"""), replicas: 2));
        await bed.ReadyPodsAsync();
        var readyPods = bed.PodsOf(rs).Select(K8s.Name).Order().ToList();
        Assert.Equal(2, readyPods.Count);
        Assert.All(bed.PodsOf(rs), p => Assert.Equal("data", K8s.Label(p, "tier")));
        Assert.All(bed.PodsOf(rs), p => Assert.Equal("busybox:1", (string?)p["spec"]!["containers"]![0]!["image"]));

        bed.Change(ReplicaSets, "db", r => r["spec"]!["replicas"] = 5);
        await bed.SettleAsync();
        Assert.Equal(5, bed.PodsOf(rs).Count);
        rs = bed.Get(ReplicaSets, "db");
        Assert.Equal((5, 5, 2, 2), (K8s.Status(rs, "replicas"), K8s.Status(rs, "fullyLabeledReplicas"), K8s.Status(rs, "readyReplicas"), K8s.Status(rs, "availableReplicas")));
        Assert.Equal(2, K8s.Status(rs, "observedGeneration"));

        bed.Change(ReplicaSets, "db", r => r["spec"]!["replicas"] = 2);
        await bed.SettleAsync();

        // Real rule (getPodsToDelete / ActivePods ordering): not-ready pods go before ready ones.
        Assert.Equal(readyPods, bed.PodsOf(rs).Select(K8s.Name).Order());
        Assert.Equal(2, K8s.Status(bed.Get(ReplicaSets, "db"), "replicas"));
    }

    [Fact]
    public async Task A_deleted_pod_is_replaced()
    {
        await using var bed = new ControllerTestBed();
        var rs = bed.Create(ReplicaSets, AdoptionTests.ReplicaSet("db", """{ "app": "db" }""", """{ "app": "db" }""",
            AdoptionTests.PodTemplate("""{ "app": "db" }"""), replicas: 1));
        await bed.ReadyPodsAsync();
        var first = K8s.Name(Assert.Single(bed.PodsOf(rs)));

        bed.Delete(BuiltInResources.Pods, first);
        await bed.SettleAsync();

        // Real rule (manageReplicas): fewer active pods than spec.replicas → a new pod with a fresh generated name.
        var replacement = Assert.Single(bed.PodsOf(rs));
        Assert.NotEqual(first, K8s.Name(replacement));
        Assert.StartsWith("db-", K8s.Name(replacement), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Controllers_started_on_a_populated_store_pick_up_existing_objects()
    {
        await using var bed = new ControllerTestBed(start: false);
        bed.Create(BuiltInResources.Deployments, K8s.Deployment("web", "nginx:1", 2));

        bed.Start();
        await bed.ReadyPodsAsync();

        // Real rule (informers' initial list): objects that existed before the controllers started are reconciled too.
        Assert.Equal(2, K8s.Status(bed.Get(BuiltInResources.Deployments, "web"), "availableReplicas"));
    }
}
