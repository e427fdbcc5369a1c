using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>getAllReplicaSetsAndSyncRevision / getNewReplicaSet: find or create the ReplicaSet for the current template.</summary>
internal sealed partial class DeploymentSync
{
    private static readonly HashSet<string> NotCopiedAnnotations =
    [
        "kubectl.kubernetes.io/last-applied-configuration",
        ReplicaSetView.RevisionAnnotation,
        ReplicaSetView.RevisionHistoryAnnotation,
        ReplicaSetView.DesiredReplicasAnnotation,
        ReplicaSetView.MaxReplicasAnnotation,
        "deprecated.deployment.rollback.to",
    ];

    /// <summary>
    /// The new ReplicaSet is the oldest one whose template equals the Deployment's (ignoring pod-template-hash),
    /// so reverting a template reuses the old ReplicaSet; it gets revision max(old)+1. Created only when asked.
    /// </summary>
    private (ReplicaSetView? New, List<ReplicaSetView> Old) AllReplicaSetsAndSyncRevision(List<ReplicaSetView> replicaSets, bool createIfMissing)
    {
        // Asked twice per pass (scaling-event check, then the rollout): the second answer is the first one
        // unless a missing ReplicaSet may now be created.
        if (resolved is { } known && (known.New is not null || !createIfMissing))
        {
            return known;
        }

        resolved = FindOrCreateNewReplicaSet(replicaSets, createIfMissing);
        return resolved.Value;
    }

    private (ReplicaSetView? New, List<ReplicaSetView> Old) FindOrCreateNewReplicaSet(List<ReplicaSetView> replicaSets, bool createIfMissing)
    {
        replicaSets.Sort(ReplicaSetView.ByCreation);
        var existing = replicaSets.FirstOrDefault(rs => PodTemplates.EqualIgnoreHash(rs.Template, d.Template));
        var old = replicaSets.Where(rs => rs != existing).ToList();
        var newRevision = (old.Count == 0 ? 0 : old.Max(rs => rs.Revision)) + 1;
        if (existing is not null)
        {
            var copy = existing.Obj.DeepClone().AsObject();
            var changed = SetNewReplicaSetAnnotations(copy, newRevision, exists: true);
            if (changed || Meta.Int(copy["spec"] as JsonObject, "minReadySeconds") != d.MinReadySeconds)
            {
                Meta.Child(copy, "spec")["minReadySeconds"] = (long)d.MinReadySeconds;
                existing.Obj = ctx.Store.Update(BuiltInResources.ReplicaSets, copy);
            }

            revision = Meta.Annotation(existing.Obj, ReplicaSetView.RevisionAnnotation);
            if (d.HasProgressDeadline && DeploymentConditions.Get(status, DeploymentConditions.Progressing) is null)
            {
                DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.FoundNewRSReason, $"Found new replica set \"{existing.Name}\"", ctx.Now));
            }

            return (existing, old);
        }

        return createIfMissing ? (CreateNewReplicaSet(old, newRevision), old) : (null, old);
    }

    private ReplicaSetView? CreateNewReplicaSet(List<ReplicaSetView> old, long newRevision)
    {
        var collisionCount = Meta.Int(status, "collisionCount");
        var hash = PodTemplates.Hash(d.Template, collisionCount);
        var template = PodTemplates.WithHashLabel(d.Template, hash);
        var selector = d.Selector?.DeepClone().AsObject() ?? [];
        Meta.Child(selector, "matchLabels")[PodTemplates.HashLabel] = hash;
        var draft = new ReplicaSetView(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{d.Name}-{hash}",
                ["namespace"] = d.Namespace,
                ["labels"] = template["metadata"]?["labels"]?.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerRefs.NewControllerRef(BuiltInResources.Deployments, d.Obj)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0L,
                ["minReadySeconds"] = (long)d.MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        });
        Meta.Child(draft.Obj, "spec")["replicas"] = (long)NewReplicaSetReplicas([.. old, draft], draft);
        SetNewReplicaSetAnnotations(draft.Obj, newRevision, exists: false);
        ReplicaSetView created;
        try
        {
            created = new ReplicaSetView(ctx.Store.Create(BuiltInResources.ReplicaSets, draft.Obj));
        }
        catch (StoreException e) when (e.Reason == "AlreadyExists")
        {
            var clash = ctx.Store.Get(BuiltInResources.ReplicaSets, d.Namespace, draft.Name);
            if (clash is not null && OwnerRefs.ControllerUid(clash) == d.Uid && PodTemplates.EqualIgnoreHash(clash["spec"]?["template"] as JsonObject, d.Template))
            {
                return new ReplicaSetView(clash);
            }

            // A hash collision: another ReplicaSet holds the name. collisionCount changes the next hash.
            status["collisionCount"] = (collisionCount ?? 0) + 1;
            return null;
        }

        revision = newRevision.ToString(CultureInfo.InvariantCulture);
        if (d.HasProgressDeadline)
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetReason, $"Created new replica set \"{created.Name}\"", ctx.Now));
        }

        return created;
    }

    /// <summary>deploymentutil.SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision (keeping history), set replica annotations on create.</summary>
    private bool SetNewReplicaSetAnnotations(JsonObject rs, long newRevision, bool exists)
    {
        var annotations = Meta.Child(Meta.Child(rs, "metadata"), "annotations");
        var changed = false;
        foreach (var (key, value) in Meta.StringMap(Meta.Metadata(d.Obj)["annotations"] as JsonObject))
        {
            if (!NotCopiedAnnotations.Contains(key) && Meta.Str(annotations, key) != value)
            {
                annotations[key] = value;
                changed = true;
            }
        }

        var oldText = Meta.Str(annotations, ReplicaSetView.RevisionAnnotation);
        var oldRevision = long.TryParse(oldText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        if (oldRevision < newRevision)
        {
            annotations[ReplicaSetView.RevisionAnnotation] = newRevision.ToString(CultureInfo.InvariantCulture);
            changed = true;
            if (!string.IsNullOrEmpty(oldText))
            {
                var history = Meta.Str(annotations, ReplicaSetView.RevisionHistoryAnnotation);
                annotations[ReplicaSetView.RevisionHistoryAnnotation] = string.IsNullOrEmpty(history) ? oldText : $"{history},{oldText}";
            }
        }

        return (!exists && SetReplicasAnnotations(rs)) || changed;
    }

    /// <summary>deploymentutil.SetReplicasAnnotations: desired-replicas and max-replicas (replicas + maxSurge).</summary>
    private bool SetReplicasAnnotations(JsonObject rs)
    {
        var annotations = Meta.Child(Meta.Child(rs, "metadata"), "annotations");
        var desired = d.Replicas.ToString(CultureInfo.InvariantCulture);
        var max = (d.Replicas + d.MaxSurge).ToString(CultureInfo.InvariantCulture);
        var changed = Meta.Str(annotations, ReplicaSetView.DesiredReplicasAnnotation) != desired
            || Meta.Str(annotations, ReplicaSetView.MaxReplicasAnnotation) != max;
        annotations[ReplicaSetView.DesiredReplicasAnnotation] = desired;
        annotations[ReplicaSetView.MaxReplicasAnnotation] = max;
        return changed;
    }

    /// <summary>deploymentutil.NewRSNewReplicas: Recreate goes straight to replicas; RollingUpdate adds up to maxSurge above replicas.</summary>
    private int NewReplicaSetReplicas(IEnumerable<ReplicaSetView> all, ReplicaSetView newRs)
    {
        if (d.IsRecreate)
        {
            return d.Replicas;
        }

        var current = all.Sum(rs => rs.SpecReplicas);
        var maxTotal = d.Replicas + d.MaxSurge;
        if (current >= maxTotal)
        {
            return newRs.SpecReplicas;
        }

        return newRs.SpecReplicas + Math.Min(maxTotal - current, d.Replicas - newRs.SpecReplicas);
    }
}
