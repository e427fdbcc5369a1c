using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>A ReplicaSet as the Deployment controller sees it; <see cref="Obj"/> is replaced after each write.</summary>
internal sealed class ReplicaSetView(JsonObject obj)
{
    public const string RevisionAnnotation = "deployment.kubernetes.io/revision";
    public const string RevisionHistoryAnnotation = "deployment.kubernetes.io/revision-history";
    public const string DesiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas";
    public const string MaxReplicasAnnotation = "deployment.kubernetes.io/max-replicas";

    public JsonObject Obj { get; set; } = obj;

    public string Name => Meta.Name(Obj);

    public int SpecReplicas => (int)(Meta.Int(Obj["spec"] as JsonObject, "replicas") ?? 1);

    public int StatusReplicas => StatusInt("replicas");

    public int ReadyReplicas => StatusInt("readyReplicas");

    public int AvailableReplicas => StatusInt("availableReplicas");

    public long ObservedGeneration => Meta.Int(Obj["status"] as JsonObject, "observedGeneration") ?? 0;

    public DateTimeOffset Created => Meta.CreationTimestamp(Obj) ?? DateTimeOffset.MinValue;

    public JsonObject? Template => Obj["spec"]?["template"] as JsonObject;

    public long Revision => AnnotationInt(RevisionAnnotation) ?? 0;

    public long? AnnotationInt(string key) =>
        long.TryParse(Meta.Annotation(Obj, key), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var v) ? v : null;

    private int StatusInt(string key) => (int)(Meta.Int(Obj["status"] as JsonObject, key) ?? 0);

    /// <summary>controller.ReplicaSetsByCreationTimestamp: oldest first, then by name.</summary>
    public static int ByCreation(ReplicaSetView a, ReplicaSetView b) =>
        a.Created != b.Created ? a.Created.CompareTo(b.Created) : string.CompareOrdinal(a.Name, b.Name);

    /// <summary>controller.ReplicaSetsBySizeOlder: largest first, then oldest.</summary>
    public static int BySizeOlder(ReplicaSetView a, ReplicaSetView b) =>
        a.SpecReplicas != b.SpecReplicas ? b.SpecReplicas.CompareTo(a.SpecReplicas) : ByCreation(a, b);

    /// <summary>controller.ReplicaSetsBySizeNewer: largest first, then newest.</summary>
    public static int BySizeNewer(ReplicaSetView a, ReplicaSetView b) =>
        a.SpecReplicas != b.SpecReplicas ? b.SpecReplicas.CompareTo(a.SpecReplicas) : ByCreation(b, a);

    /// <summary>deploymentutil.ReplicaSetsByRevision: lowest revision first.</summary>
    public static int ByRevision(ReplicaSetView a, ReplicaSetView b) =>
        a.Revision != b.Revision ? a.Revision.CompareTo(b.Revision) : ByCreation(a, b);
}
