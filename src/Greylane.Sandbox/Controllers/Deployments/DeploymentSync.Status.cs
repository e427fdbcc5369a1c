using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>calculateStatus and syncRolloutStatus: counts, the Available condition and Progressing with its deadline.</summary>
internal sealed partial class DeploymentSync
{
    private void CalculateStatus(List<ReplicaSetView> all, ReplicaSetView? newRs)
    {
        var available = all.Sum(rs => rs.AvailableReplicas);
        SetCount("observedGeneration", Meta.Generation(_d.Obj));
        SetCount("replicas", all.Sum(rs => rs.StatusReplicas));
        SetCount("updatedReplicas", newRs?.StatusReplicas ?? 0);
        SetCount("readyReplicas", all.Sum(rs => rs.ReadyReplicas));
        SetCount("availableReplicas", available);
        SetCount("unavailableReplicas", Math.Max(0, all.Sum(rs => rs.SpecReplicas) - available));
        DeploymentConditions.Set(_status, available >= _d.Replicas - _d.MaxUnavailable
            ? DeploymentConditions.New(DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", _ctx.Now)
            : DeploymentConditions.New(DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", _ctx.Now));
    }

    private void SyncRolloutStatus(List<ReplicaSetView> all, ReplicaSetView? newRs)
    {
        CalculateStatus(all, newRs);
        if (!_d.HasProgressDeadline)
        {
            DeploymentConditions.Remove(_status, DeploymentConditions.Progressing);
        }

        var current = DeploymentConditions.Get(_status, DeploymentConditions.Progressing);
        var isCompleteDeployment = Count(_status, "replicas") == Count(_status, "updatedReplicas")
            && current is not null && Meta.Str(current, "reason") == DeploymentConditions.NewRSAvailableReason;
        if (_d.HasProgressDeadline && !isCompleteDeployment)
        {
            if (IsComplete(_status))
            {
                DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.NewRSAvailableReason, $"ReplicaSet \"{newRs?.Name}\" has successfully progressed.", _ctx.Now));
            }
            else if (IsProgressing())
            {
                // Progress refreshes lastUpdateTime even with the same reason: the deadline counts from the last progress.
                var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdatedReason,
                    newRs is null ? $"Deployment \"{_d.Name}\" is progressing." : $"ReplicaSet \"{newRs.Name}\" is progressing.", _ctx.Now);
                if (current is not null && Meta.Str(current, "status") == "True")
                {
                    condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
                }

                DeploymentConditions.Remove(_status, DeploymentConditions.Progressing);
                DeploymentConditions.Set(_status, condition);
            }
            else if (IsTimedOut())
            {
                DeploymentConditions.Set(_status, DeploymentConditions.New(DeploymentConditions.Progressing, "False", DeploymentConditions.TimedOutReason,
                    newRs is null ? $"Deployment \"{_d.Name}\" has timed out progressing." : $"ReplicaSet \"{newRs.Name}\" has timed out progressing.", _ctx.Now));
            }
        }

        RequeueStuckDeployment();
    }

    /// <summary>deploymentutil.DeploymentComplete.</summary>
    private bool IsComplete(JsonObject s) =>
        Count(s, "updatedReplicas") == _d.Replicas && Count(s, "replicas") == _d.Replicas
        && Count(s, "availableReplicas") == _d.Replicas && (Meta.Int(s, "observedGeneration") ?? 0) >= Meta.Generation(_d.Obj);

    /// <summary>deploymentutil.DeploymentProgressing: more updated, ready or available pods, or fewer old ones.</summary>
    private bool IsProgressing() =>
        Count(_status, "updatedReplicas") > Count(_originalStatus, "updatedReplicas")
        || Count(_status, "replicas") - Count(_status, "updatedReplicas") < Count(_originalStatus, "replicas") - Count(_originalStatus, "updatedReplicas")
        || Count(_status, "readyReplicas") > Count(_originalStatus, "readyReplicas")
        || Count(_status, "availableReplicas") > Count(_originalStatus, "availableReplicas");

    /// <summary>deploymentutil.DeploymentTimedOut: no progress for progressDeadlineSeconds since the condition's lastUpdateTime.</summary>
    private bool IsTimedOut() => Remaining() is { } left && left < TimeSpan.Zero;

    private TimeSpan? Remaining()
    {
        var cond = DeploymentConditions.Get(_status, DeploymentConditions.Progressing);
        var reason = Meta.Str(cond, "reason");
        if (!_d.HasProgressDeadline || cond is null || reason == DeploymentConditions.NewRSAvailableReason)
        {
            return null;
        }

        return reason == DeploymentConditions.TimedOutReason
            ? TimeSpan.MinValue
            : Meta.Time(cond, "lastUpdateTime") is { } from ? from.AddSeconds(_d.ProgressDeadlineSeconds) - _ctx.Now : null;
    }

    /// <summary>requeueStuckDeployment: come back when the deadline would pass (plus a second, as the real one does).</summary>
    private void RequeueStuckDeployment()
    {
        if (IsComplete(_status) || Remaining() is not { } left || left == TimeSpan.MinValue)
        {
            return;
        }

        _requeueAfter = (left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromSeconds(1);
    }

    private void SetCount(string key, long value)
    {
        // The API omits zero counts (omitempty), so clients see them as absent.
        if (value == 0)
        {
            _status.Remove(key);
        }
        else
        {
            _status[key] = value;
        }
    }

    private static long Count(JsonObject s, string key) => Meta.Int(s, key) ?? 0;
}
