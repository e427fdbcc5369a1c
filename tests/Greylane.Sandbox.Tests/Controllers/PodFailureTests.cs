using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class PodFailureTests
{
    private static readonly ResourceType Deployments = BuiltInResources.Deployments;

    [Fact]
    public async Task Never_ready_pods_keep_availability_low_and_the_deployment_exceeds_its_progress_deadline()
    {
        await using var bed = new ControllerTestBed();
        var manifest = K8s.Deployment("web", "nginx:1", 2, """ "progressDeadlineSeconds": 30 """);
        manifest["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["sandbox.greylane.dev/behavior"] = "never-ready" };
        bed.Create(Deployments, manifest);
        await bed.ReadyPodsAsync();

        Assert.All(bed.Pods(), p => Assert.Equal("Running", (string?)p["status"]!["phase"]));
        Assert.All(bed.Pods(), p => Assert.False(K8s.IsReady(p)));
        var deployment = bed.Get(Deployments, "web");
        Assert.Equal((2, 0, 2), (K8s.Status(deployment, "replicas"), K8s.Status(deployment, "availableReplicas"), K8s.Status(deployment, "unavailableReplicas")));
        Assert.Equal(("True", "ReplicaSetUpdated"), K8s.ConditionState(deployment, "Progressing"));

        await bed.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Equal("True", K8s.ConditionState(bed.Get(Deployments, "web"), "Progressing").Status);
        await bed.AdvanceAsync(TimeSpan.FromSeconds(15));

        // Real rule (DeploymentTimedOut + requeueStuckDeployment): no progress for progressDeadlineSeconds since the
        // condition's lastUpdateTime → Progressing False/ProgressDeadlineExceeded, which `kubectl rollout status` reports.
        deployment = bed.Get(Deployments, "web");
        Assert.Equal(("False", "ProgressDeadlineExceeded"), K8s.ConditionState(deployment, "Progressing"));
        Assert.Equal($"ReplicaSet \"{K8s.Name(Assert.Single(bed.ReplicaSets()))}\" has timed out progressing.", (string?)K8s.Condition(deployment, "Progressing")!["message"]);
        Assert.Equal(("False", "MinimumReplicasUnavailable"), K8s.ConditionState(deployment, "Available"));
    }

    [Fact]
    public async Task An_image_tag_starting_with_fail_leaves_pods_pending_in_image_pull_back_off()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "registry.local:5000/web:fail-broken", 1));
        await bed.AdvanceAsync(TimeSpan.FromMinutes(5));

        var pod = Assert.Single(bed.Pods());
        Assert.Equal("Pending", (string?)pod["status"]!["phase"]);
        Assert.Equal("ImagePullBackOff", (string?)pod["status"]!["containerStatuses"]![0]!["state"]!["waiting"]!["reason"]);
        Assert.False(K8s.IsReady(pod));
        Assert.Equal(0, K8s.Status(bed.Get(Deployments, "web"), "availableReplicas"));
    }

    [Fact]
    public async Task A_port_in_the_registry_name_is_not_mistaken_for_a_failing_tag()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "fail-registry:5000/web", 1));
        await bed.ReadyPodsAsync();

        Assert.True(K8s.IsReady(Assert.Single(bed.Pods())));
    }

    [Fact]
    public async Task Crash_looping_pods_wait_in_CrashLoopBackOff_with_a_growing_restart_count()
    {
        await using var bed = new ControllerTestBed();
        var manifest = K8s.Deployment("web", "nginx:1", 1);
        manifest["spec"]!["template"]!["metadata"]!["annotations"] = new JsonObject { ["sandbox.greylane.dev/behavior"] = "crash-loop" };
        bed.Create(Deployments, manifest);
        await bed.ReadyPodsAsync();

        var container = Container(bed);
        Assert.Equal("CrashLoopBackOff", (string?)container["state"]!["waiting"]!["reason"]);
        Assert.Equal(0, K8s.Number(container["restartCount"]));

        // kubelet's back-off: restarts after 10 s, then 20 s more, then 40 s more.
        await bed.AdvanceAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(1, K8s.Number(Container(bed)["restartCount"]));
        await bed.AdvanceAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(2, K8s.Number(Container(bed)["restartCount"]));
        await bed.AdvanceAsync(TimeSpan.FromSeconds(40));
        container = Container(bed);
        Assert.Equal(3, K8s.Number(container["restartCount"]));
        Assert.Equal("Error", (string?)container["lastState"]!["terminated"]!["reason"]);
        Assert.False(K8s.IsReady(Assert.Single(bed.Pods())));
    }

    [Fact]
    public async Task Ready_pods_count_as_available_only_after_min_ready_seconds()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 2, """ "minReadySeconds": 10 """));
        await bed.ReadyPodsAsync();

        // Real rule (podutil.IsPodAvailable): ready for longer than minReadySeconds; the ReplicaSet inherits it from the Deployment.
        var rs = Assert.Single(bed.ReplicaSets());
        Assert.Equal(10, K8s.Number(rs["spec"]!["minReadySeconds"]));
        Assert.Equal((2, 0), (K8s.Status(rs, "readyReplicas"), K8s.Status(rs, "availableReplicas")));
        Assert.Equal(0, K8s.Status(bed.Get(Deployments, "web"), "availableReplicas"));

        await bed.AdvanceAsync(TimeSpan.FromSeconds(12));

        Assert.Equal(2, K8s.Status(Assert.Single(bed.ReplicaSets()), "availableReplicas"));
        Assert.Equal(2, K8s.Status(bed.Get(Deployments, "web"), "availableReplicas"));
        Assert.Equal(("True", "NewReplicaSetAvailable"), K8s.ConditionState(bed.Get(Deployments, "web"), "Progressing"));
    }

    private static JsonObject Container(ControllerTestBed bed) => (JsonObject)Assert.Single(bed.Pods())["status"]!["containerStatuses"]![0]!;
}
