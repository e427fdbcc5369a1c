using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Tests;

public sealed class AdoptionTests
{
    private static readonly ResourceType Deployments = BuiltInResources.Deployments;
    private static readonly ResourceType ReplicaSets = BuiltInResources.ReplicaSets;

    [Fact]
    public async Task An_orphan_replica_set_whose_own_labels_match_the_selector_is_adopted_and_used()
    {
        await using var bed = new ControllerTestBed();
        var template = K8s.Deployment("web", "nginx:1", 2)["spec"]!["template"]!.DeepClone();
        bed.Create(ReplicaSets, ReplicaSet("web-handmade", labels: """{ "app": "web" }""", selector: """{ "app": "web" }""", template, replicas: 1));
        await bed.SettleAsync();

        var deployment = bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 2));
        await bed.ReadyPodsAsync();

        // Real rule (ClaimReplicaSets): no controller reference + own labels match → adopted with a controller reference;
        // its template equals the Deployment's, so it is the new ReplicaSet and is scaled, no other one is created.
        var rs = Assert.Single(bed.ReplicaSets());
        Assert.Equal(K8s.Uid(deployment), K8s.ControllerUid(rs));
        Assert.True((bool?)K8s.OwnerRefs(rs)[0]!["blockOwnerDeletion"]);
        Assert.Equal(2, K8s.SpecReplicas(rs));
        Assert.Equal(2, bed.PodsOf(rs).Count);
    }

    [Fact]
    public async Task A_replica_set_with_a_non_controller_owner_reference_and_other_labels_is_left_alone_but_collected_with_the_deployment()
    {
        await using var bed = new ControllerTestBed();
        var deployment = bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 2, """ "revisionHistoryLimit": 0 """));
        await bed.ReadyPodsAsync();

        // Greylane's canary: selector and pod labels add greylane.dev/release; the ReplicaSet's own labels do not
        // match the Deployment's selector; the ownerReference to the Deployment has controller: false.
        var template = deployment["spec"]!["template"]!.DeepClone();
        template["metadata"]!["labels"]!["greylane.dev/release"] = "abc";
        var canary = ReplicaSet("web-canary-abc", labels: """{ "greylane.dev/release": "abc" }""",
            selector: """{ "app": "web", "greylane.dev/release": "abc" }""", template, replicas: 1);
        canary["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = K8s.Uid(deployment), ["controller"] = false,
        });
        bed.Create(ReplicaSets, canary);
        await bed.ReadyPodsAsync();
        var canaryPods = bed.PodsOf(bed.Get(ReplicaSets, "web-canary-abc"));
        Assert.Single(canaryPods);

        // Scale, roll to a new image and let revisionHistoryLimit 0 prune old ReplicaSets: none of it touches the canary.
        bed.Change(Deployments, "web", d => d["spec"]!["replicas"] = 3);
        await bed.ReadyPodsAsync();
        bed.Change(Deployments, "web", d => K8s.SetImage(d, "nginx:2"));
        for (var i = 0; i < 6; i++)
        {
            await bed.ReadyPodsAsync();
        }

        // Real rule: a controller: false reference is not an owner for adoption, and the Deployment only scales or
        // deletes ReplicaSets it controls.
        var after = bed.Get(ReplicaSets, "web-canary-abc");
        Assert.Equal(1, K8s.SpecReplicas(after));
        Assert.Null(K8s.ControllerUid(after));
        Assert.Single(K8s.OwnerRefs(after));
        Assert.Null(K8s.Annotation(after, "deployment.kubernetes.io/revision"));
        Assert.Equal(1, K8s.Status(after, "readyReplicas"));
        Assert.Equal(2, bed.ReplicaSets().Count);
        Assert.Equal(3, K8s.Status(bed.Get(Deployments, "web"), "availableReplicas"));

        bed.Delete(Deployments, "web");
        await bed.SettleAsync();

        // Real rule (garbage collector, background propagation): every dependent whose owners are all gone is deleted,
        // whatever its controller flag, and their pods in turn.
        Assert.Empty(bed.ReplicaSets());
        Assert.Empty(bed.Pods());
    }

    [Fact]
    public async Task Greylanes_release_flow_paused_deployment_with_a_canary_then_promotion_then_canary_deletion()
    {
        await using var bed = new ControllerTestBed();
        var deployment = bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 4));
        await bed.ReadyPodsAsync();
        var stable = K8s.Name(Assert.Single(bed.ReplicaSets()));

        // The webhook holds the new template by pausing in the same write; the canary runs the new template.
        deployment = bed.Change(Deployments, "web", d =>
        {
            d["spec"]!["paused"] = true;
            K8s.SetImage(d, "nginx:2");
        });
        var template = deployment["spec"]!["template"]!.DeepClone();
        template["metadata"]!["labels"]!["greylane.dev/release"] = "r2";
        var canary = ReplicaSet("web-canary-r2", labels: """{ "greylane.dev/release": "r2" }""",
            selector: """{ "app": "web", "greylane.dev/release": "r2" }""", template, replicas: 1);
        canary["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web", ["uid"] = K8s.Uid(deployment), ["controller"] = false,
        });
        bed.Create(ReplicaSets, canary);
        await bed.ReadyPodsAsync();
        bed.Change(Deployments, "web", d => d["spec"]!["replicas"] = 6);
        await bed.ReadyPodsAsync();

        // While paused: only the stable ReplicaSet exists for the Deployment and it alone is scaled.
        Assert.Equal(new HashSet<string> { stable, "web-canary-r2" }, bed.ReplicaSets().Select(K8s.Name).ToHashSet());
        Assert.Equal(6, K8s.SpecReplicas(bed.Get(ReplicaSets, stable)));
        Assert.Equal(1, K8s.Status(bed.Get(ReplicaSets, "web-canary-r2"), "availableReplicas"));

        bed.Change(Deployments, "web", d => d["spec"]!["paused"] = false);
        for (var i = 0; i < 8; i++)
        {
            await bed.ReadyPodsAsync();
        }

        // Promotion is the Deployment's own rolling update; the canary is still untouched.
        Assert.Equal(("True", "NewReplicaSetAvailable"), K8s.ConditionState(bed.Get(Deployments, "web"), "Progressing"));
        Assert.Equal(6, K8s.Status(bed.Get(Deployments, "web"), "updatedReplicas"));
        Assert.Equal(1, K8s.SpecReplicas(bed.Get(ReplicaSets, "web-canary-r2")));

        bed.Delete(ReplicaSets, "web-canary-r2");
        await bed.SettleAsync();

        // Deleting the canary collects its pods; the Deployment's pods stay.
        Assert.Equal(6, bed.Pods().Count);
        Assert.All(bed.Pods(), p => Assert.Null(K8s.Label(p, "greylane.dev/release")));
    }

    [Fact]
    public async Task A_controlled_replica_set_whose_labels_stop_matching_is_released_and_replaced()
    {
        await using var bed = new ControllerTestBed();
        bed.Create(Deployments, K8s.Deployment("web", "nginx:1", 1));
        await bed.ReadyPodsAsync();
        var first = K8s.Name(Assert.Single(bed.ReplicaSets()));

        bed.Change(ReplicaSets, first, rs => rs["metadata"]!["labels"]!["app"] = "elsewhere");
        await bed.ReadyPodsAsync();

        // Real rule (ClaimObject): owned but no longer matching → the controller reference is removed. The Deployment then
        // has no ReplicaSet for its template; the hash name is taken, so collisionCount is raised and a new name used.
        var released = bed.Get(ReplicaSets, first);
        Assert.Empty(K8s.OwnerRefs(released));
        var deployment = bed.Get(Deployments, "web");
        Assert.Equal(1, K8s.Status(deployment, "collisionCount"));
        var replacement = Assert.Single(bed.ReplicaSets(), rs => K8s.Name(rs) != first);
        Assert.Equal(K8s.Uid(deployment), K8s.ControllerUid(replacement));
        Assert.Equal(1, K8s.SpecReplicas(replacement));
    }

    [Fact]
    public async Task A_replica_set_adopts_orphan_pods_whose_labels_match_and_ignores_pods_controlled_by_others()
    {
        // Set up before the controllers run, so "other" sees its pod from the start and creates none of its own.
        await using var bed = new ControllerTestBed(start: false);
        bed.Create(BuiltInResources.Pods, Pod("stray", """{ "app": "db" }"""));
        const string OtherLabels = """{ "app": "db", "tier": "x" }""";
        var other = bed.Create(ReplicaSets, ReplicaSet("other", OtherLabels, OtherLabels, PodTemplate(OtherLabels), replicas: 1));
        var owned = Pod("taken", OtherLabels);
        owned["metadata"]!["ownerReferences"] = new JsonArray(new JsonObject
        {
            ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = "other", ["uid"] = K8s.Uid(other), ["controller"] = true,
        });
        bed.Create(BuiltInResources.Pods, owned);
        bed.Start();
        await bed.SettleAsync();

        var rs = bed.Create(ReplicaSets, ReplicaSet("db", """{ "app": "db" }""", """{ "app": "db" }""", PodTemplate("""{ "app": "db" }"""), replicas: 2));
        await bed.SettleAsync();

        // Real rule: the orphan is adopted and counts toward replicas (one pod created, not two); the pod controlled by
        // another ReplicaSet is not touched even though its labels match.
        Assert.Equal(K8s.Uid(rs), K8s.ControllerUid(bed.Get(BuiltInResources.Pods, "stray")));
        Assert.Equal(K8s.Uid(other), K8s.ControllerUid(bed.Get(BuiltInResources.Pods, "taken")));
        Assert.Equal(2, bed.PodsOf(rs).Count);
        Assert.Equal(["taken"], bed.PodsOf(other).Select(K8s.Name));
    }

    internal static JsonObject ReplicaSet(string name, string labels, string selector, JsonNode template, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "ReplicaSet",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = JsonNode.Parse(labels) },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = JsonNode.Parse(selector) },
            ["template"] = template,
        },
    };

    internal static JsonNode PodTemplate(string labels, string image = "busybox:1") => new JsonObject
    {
        ["metadata"] = new JsonObject { ["labels"] = JsonNode.Parse(labels) },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = image }) },
    };

    private static JsonObject Pod(string name, string labels) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default", ["labels"] = JsonNode.Parse(labels) },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox:1" }) },
    };
}
