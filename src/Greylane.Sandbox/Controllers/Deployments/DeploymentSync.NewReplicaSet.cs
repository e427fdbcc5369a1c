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
        if (_resolved is { } known && (known.New is not null || !createIfMissing))
        {
            return known;
        }

        _resolved = FindOrCreateNewReplicaSet(replicaSets, createIfMissing);
        return _resolved.Value;
    }

    private (ReplicaSetView? New, List<ReplicaSetView> Old) FindOrCreateNewReplicaSet(List<ReplicaSetView> replicaSets, bool createIfMissing)
    {
        replicaSets.Sort(ReplicaSetView.ByCreation);
        var existing = replicaSets.FirstOrDefault(rs => PodTemplates.EqualIgnoreHash(rs.Template, _d.Template));
        var old = replicaSets.Where(rs => rs != existing).ToList();
        var newRevision = (old.Count == 0 ? 0 : old.Max(rs => rs.Revision)) + 1;
        if (existing is not null)
        {
            var copy = existing.Obj.DeepClone().AsObject();
            var changed = SetNewReplicaSetAnnotations(copy, newRevision, exists: true);
            if (changed || Meta.Int(copy["spec"] as JsonObject, "minReadySeconds") != _d.MinReadySeconds)
            {
                Meta.Child(copy, "spec")["minReadySeconds"] = (long)_d.MinReadySeconds;
                existing.Obj = _ctx.Store.Update(BuiltInResources.ReplicaSets, copy);
            }

            _revision = Meta.Annotation(existing.Obj, ReplicaSetView.RevisionAnnotation);
            if (_d.HasProgressDeadline && DeploymentConditions.Get(_status, DeploymentConditions.Progressing) is null)
            {
                DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.FoundNewRSReason, $"Found new replica set \"{existing.Name}\"", _ctx.Now));
            }

            return (existing, old);
        }

        return createIfMissing ? (CreateNewReplicaSet(old, newRevision), old) : (null, old);
    }

    private ReplicaSetView? CreateNewReplicaSet(List<ReplicaSetView> old, long newRevision)
    {
        var collisionCount = Meta.Int(_status, "collisionCount");
        var hash = PodTemplates.Hash(_d.Template, collisionCount);
        var template = PodTemplates.WithHashLabel(_d.Template, hash);
        var selector = _d.Selector?.DeepClone().AsObject() ?? [];
        Meta.Child(selector, "matchLabels")[PodTemplates.HashLabel] = hash;
        var draft = new ReplicaSetView(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = $"{_d.Name}-{hash}",
                ["namespace"] = _d.Namespace,
                ["labels"] = template["metadata"]?["labels"]?.DeepClone(),
                ["ownerReferences"] = new JsonArray(OwnerRefs.NewControllerRef(BuiltInResources.Deployments, _d.Obj)),
            },
            ["spec"] = new JsonObject
            {
                ["replicas"] = 0L,
                ["minReadySeconds"] = (long)_d.MinReadySeconds,
                ["selector"] = selector,
                ["template"] = template,
            },
        });
        Meta.Child(draft.Obj, "spec")["replicas"] = (long)NewReplicaSetReplicas([.. old, draft], draft);
        SetNewReplicaSetAnnotations(draft.Obj, newRevision, exists: false);
        ReplicaSetView created;
        try
        {
            created = new ReplicaSetView(_ctx.Store.Create(BuiltInResources.ReplicaSets, draft.Obj));
        }
        catch (StoreException e) when (e.Reason == "AlreadyExists")
        {
            var clash = _ctx.Store.Get(BuiltInResources.ReplicaSets, _d.Namespace, draft.Name);
            if (clash is not null && OwnerRefs.ControllerUid(clash) == _d.Uid && PodTemplates.EqualIgnoreHash(clash["spec"]?["template"] as JsonObject, _d.Template))
            {
                return new ReplicaSetView(clash);
            }

            // A hash collision: another ReplicaSet holds the name. collisionCount changes the next hash.
            _status["collisionCount"] = (collisionCount ?? 0) + 1;
            return null;
        }

        _revision = newRevision.ToString(CultureInfo.InvariantCulture);
        if (_d.HasProgressDeadline)
        {
            DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                DeploymentConditions.NewReplicaSetReason, $"Created new replica set \"{created.Name}\"", _ctx.Now));
        }

        return created;
    }

    /// <summary>deploymentutil.SetNewReplicaSetAnnotations: copy the Deployment's annotations, raise the revision (keeping history), set replica annotations on create.</summary>
    private bool SetNewReplicaSetAnnotations(JsonObject rs, long newRevision, bool exists)
    {
        var annotations = Meta.Child(Meta.Child(rs, "metadata"), "annotations");
        var changed = false;
        foreach (var (key, value) in Meta.StringMap(Meta.Metadata(_d.Obj)["annotations"] as JsonObject))
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
        var desired = _d.Replicas.ToString(CultureInfo.InvariantCulture);
        var max = (_d.Replicas + _d.MaxSurge).ToString(CultureInfo.InvariantCulture);
        var changed = Meta.Str(annotations, ReplicaSetView.DesiredReplicasAnnotation) != desired
            || Meta.Str(annotations, ReplicaSetView.MaxReplicasAnnotation) != max;
        annotations[ReplicaSetView.DesiredReplicasAnnotation] = desired;
        annotations[ReplicaSetView.MaxReplicasAnnotation] = max;
        return changed;
    }

    /// <summary>deploymentutil.NewRSNewReplicas: Recreate goes straight to replicas; RollingUpdate adds up to maxSurge above replicas.</summary>
    private int NewReplicaSetReplicas(IEnumerable<ReplicaSetView> all, ReplicaSetView newRs)
    {
        if (_d.IsRecreate)
        {
            return _d.Replicas;
        }

        var current = all.Sum(rs => rs.SpecReplicas);
        var maxTotal = _d.Replicas + _d.MaxSurge;
        if (current >= maxTotal)
        {
            return newRs.SpecReplicas;
        }

        return newRs.SpecReplicas + Math.Min(maxTotal - current, _d.Replicas - newRs.SpecReplicas);
    }
}
