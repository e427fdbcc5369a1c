using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>sync/scale: what a paused Deployment or a scaling event does, including proportional scaling mid-rollout.</summary>
internal sealed partial class DeploymentSync
{
    private void SyncScale(List<ReplicaSetView> replicaSets)
    {
        var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: false);
        Scale(newRs, oldRss);
        if (_d.Paused)
        {
            CleanupDeployment(oldRss);
        }

        CalculateStatus([.. oldRss, .. Maybe(newRs)], newRs);
    }

    private void Scale(ReplicaSetView? newRs, List<ReplicaSetView> oldRss)
    {
        if (ActiveOrLatest(newRs, oldRss) is { } only)
        {
            if (only.SpecReplicas != _d.Replicas)
            {
                ScaleAndRecord(only, _d.Replicas);
            }

            return;
        }

        if (IsSaturated(newRs))
        {
            foreach (var old in oldRss.Where(rs => rs.SpecReplicas > 0))
            {
                ScaleAndRecord(old, 0);
            }

            return;
        }

        if (_d.IsRecreate)
        {
            return;
        }

        ScaleProportionally([.. oldRss.Concat(Maybe(newRs)).Where(rs => rs.SpecReplicas > 0)]);
    }

    /// <summary>
    /// Proportional scaling: the replicas to add (or remove) are shared out by each ReplicaSet's share of the
    /// max-replicas it was last scaled for; leftovers go to the largest (newest when adding, oldest when removing).
    /// </summary>
    private void ScaleProportionally(List<ReplicaSetView> active)
    {
        var allowed = _d.Replicas > 0 ? _d.Replicas + _d.MaxSurge : 0;
        var toAdd = allowed - active.Sum(rs => rs.SpecReplicas);
        active.Sort(toAdd > 0 ? ReplicaSetView.BySizeNewer : ReplicaSetView.BySizeOlder);
        var added = 0;
        var sizes = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var rs in active)
        {
            var proportion = toAdd == 0 ? 0 : Proportion(rs, toAdd, added);
            sizes[rs.Name] = rs.SpecReplicas + proportion;
            added += proportion;
        }

        for (var i = 0; i < active.Count; i++)
        {
            var rs = active[i];
            if (i == 0 && toAdd != 0)
            {
                sizes[rs.Name] = Math.Max(0, sizes[rs.Name] + toAdd - added);
            }

            ScaleReplicaSet(rs, sizes[rs.Name]);
        }
    }

    private int Proportion(ReplicaSetView rs, int toAdd, int added)
    {
        if (rs.SpecReplicas == 0 || toAdd == added)
        {
            return 0;
        }

        int fraction;
        if (_d.Replicas == 0)
        {
            fraction = -rs.SpecReplicas;
        }
        else
        {
            var before = rs.AnnotationInt(ReplicaSetView.MaxReplicasAnnotation) is { } max and > 0 ? max : Meta.Int(_status, "replicas") ?? 0;
            fraction = before == 0 ? 0 : (int)Math.Round(rs.SpecReplicas * (double)(_d.Replicas + _d.MaxSurge) / before, MidpointRounding.AwayFromZero) - rs.SpecReplicas;
        }

        var allowed = toAdd - added;
        return toAdd > 0 ? Math.Min(fraction, allowed) : Math.Max(fraction, allowed);
    }

    /// <summary>deploymentutil.FindActiveOrLatest: the only active ReplicaSet, or the newest when none is active.</summary>
    private static ReplicaSetView? ActiveOrLatest(ReplicaSetView? newRs, List<ReplicaSetView> oldRss)
    {
        if (newRs is null && oldRss.Count == 0)
        {
            return null;
        }

        var active = oldRss.Concat(Maybe(newRs)).Where(rs => rs.SpecReplicas > 0).ToList();
        return active.Count switch
        {
            0 => newRs ?? oldRss.OrderByDescending(rs => rs.Created).ThenByDescending(rs => rs.Name, StringComparer.Ordinal).First(),
            1 => active[0],
            _ => null,
        };
    }

    private bool IsSaturated(ReplicaSetView? rs) =>
        rs is not null && rs.SpecReplicas == _d.Replicas
        && rs.AnnotationInt(ReplicaSetView.DesiredReplicasAnnotation) == _d.Replicas
        && rs.AvailableReplicas == _d.Replicas;

    /// <summary>scaleReplicaSetAndRecordEvent: nothing to do when the size is already right.</summary>
    private bool ScaleAndRecord(ReplicaSetView rs, int replicas) => rs.SpecReplicas != replicas && ScaleReplicaSet(rs, replicas);

    /// <summary>scaleReplicaSet: writes replicas and the desired/max-replicas annotations; true when the size changed.</summary>
    private bool ScaleReplicaSet(ReplicaSetView rs, int replicas)
    {
        var copy = rs.Obj.DeepClone().AsObject();
        var annotationsChanged = SetReplicasAnnotations(copy);
        var sizeChanged = rs.SpecReplicas != replicas;
        if (sizeChanged || annotationsChanged)
        {
            Meta.Child(copy, "spec")["replicas"] = (long)replicas;
            rs.Obj = _ctx.Store.Update(BuiltInResources.ReplicaSets, copy);
        }

        return sizeChanged;
    }
}
