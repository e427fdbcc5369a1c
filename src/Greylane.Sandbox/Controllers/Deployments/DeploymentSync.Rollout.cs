using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>rolloutRolling and rolloutRecreate, step for step as in kube-controller-manager.</summary>
internal sealed partial class DeploymentSync
{
    private void RolloutRolling(List<ReplicaSetView> replicaSets)
    {
        var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: true);
        if (newRs is null)
        {
            return;
        }

        List<ReplicaSetView> all = [.. oldRss, newRs];
        if (ReconcileNewReplicaSet(all, newRs) || ReconcileOldReplicaSets(all, oldRss.Where(rs => rs.SpecReplicas > 0).ToList(), newRs))
        {
            SyncRolloutStatus(all, newRs);
            return;
        }

        if (IsComplete(_status))
        {
            CleanupDeployment(oldRss);
        }

        SyncRolloutStatus(all, newRs);
    }

    private void RolloutRecreate(List<ReplicaSetView> replicaSets)
    {
        var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: false);
        List<ReplicaSetView> all = [.. oldRss, .. Maybe(newRs)];
        var scaledDown = false;
        foreach (var rs in oldRss.Where(rs => rs.SpecReplicas > 0))
        {
            scaledDown |= ScaleAndRecord(rs, 0);
        }

        // Recreate waits until no pod of an old ReplicaSet is left before starting the new ones.
        if (scaledDown || oldRss.Any(rs => _ctx.Cache.ControlledBy(BuiltInResources.Pods, Meta.Uid(rs.Obj)).Count > 0))
        {
            SyncRolloutStatus(all, newRs);
            return;
        }

        if (newRs is null)
        {
            (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: true);
            if (newRs is null)
            {
                return;
            }

            all = [.. oldRss, newRs];
        }

        ScaleAndRecord(newRs, _d.Replicas);
        if (IsComplete(_status))
        {
            CleanupDeployment(oldRss);
        }

        SyncRolloutStatus(all, newRs);
    }

    private bool ReconcileNewReplicaSet(List<ReplicaSetView> all, ReplicaSetView newRs)
    {
        if (newRs.SpecReplicas == _d.Replicas)
        {
            return false;
        }

        return newRs.SpecReplicas > _d.Replicas
            ? ScaleAndRecord(newRs, _d.Replicas)
            : ScaleAndRecord(newRs, NewReplicaSetReplicas(all, newRs));
    }

    /// <summary>reconcileOldReplicaSets: never below replicas - maxUnavailable available pods, unhealthy old pods first.</summary>
    private bool ReconcileOldReplicaSets(List<ReplicaSetView> all, List<ReplicaSetView> oldActive, ReplicaSetView newRs)
    {
        if (oldActive.Sum(rs => rs.SpecReplicas) == 0)
        {
            return false;
        }

        var minAvailable = _d.Replicas - _d.MaxUnavailable;
        var newUnavailable = newRs.SpecReplicas - newRs.AvailableReplicas;
        var maxScaledDown = all.Sum(rs => rs.SpecReplicas) - minAvailable - newUnavailable;
        if (maxScaledDown <= 0)
        {
            return false;
        }

        oldActive.Sort(ReplicaSetView.ByCreation);
        var cleaned = 0;
        foreach (var rs in oldActive)
        {
            if (cleaned >= maxScaledDown)
            {
                break;
            }

            if (rs.SpecReplicas == 0 || rs.SpecReplicas == rs.AvailableReplicas)
            {
                continue;
            }

            var count = Math.Min(maxScaledDown - cleaned, rs.SpecReplicas - rs.AvailableReplicas);
            ScaleAndRecord(rs, rs.SpecReplicas - count);
            cleaned += count;
        }

        return cleaned + ScaleDownOldForRollingUpdate(all, oldActive, minAvailable) > 0;
    }

    private int ScaleDownOldForRollingUpdate(List<ReplicaSetView> all, List<ReplicaSetView> oldActive, int minAvailable)
    {
        var available = all.Sum(rs => rs.AvailableReplicas);
        if (available <= minAvailable)
        {
            return 0;
        }

        var total = available - minAvailable;
        var scaled = 0;
        foreach (var rs in oldActive)
        {
            if (scaled >= total)
            {
                break;
            }

            if (rs.SpecReplicas == 0)
            {
                continue;
            }

            var count = Math.Min(rs.SpecReplicas, total - scaled);
            ScaleAndRecord(rs, rs.SpecReplicas - count);
            scaled += count;
        }

        return scaled;
    }

    /// <summary>cleanupDeployment: delete the oldest idle ReplicaSets beyond revisionHistoryLimit.</summary>
    private void CleanupDeployment(List<ReplicaSetView> oldRss)
    {
        var cleanable = oldRss.Where(rs => !Meta.IsDeleting(rs.Obj)).ToList();
        var diff = cleanable.Count - _d.RevisionHistoryLimit;
        if (diff <= 0)
        {
            return;
        }

        cleanable.Sort(ReplicaSetView.ByRevision);
        foreach (var rs in cleanable.Take(diff))
        {
            if (rs.StatusReplicas != 0 || rs.SpecReplicas != 0 || Meta.Generation(rs.Obj) > rs.ObservedGeneration)
            {
                continue;
            }

            _ctx.Store.Delete(BuiltInResources.ReplicaSets, _d.Namespace, rs.Name);
        }
    }
}
