using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>calculateStatus and syncRolloutStatus: counts, the Available condition and Progressing with its deadline.</summary>
internal sealed partial class DeploymentSync
{
    private void CalculateStatus(List<ReplicaSetView> all, ReplicaSetView? newRs)
    {
        var available = all.Sum(rs => rs.AvailableReplicas);
        SetCount("observedGeneration", Meta.Generation(d.Obj));
        SetCount("replicas", all.Sum(rs => rs.StatusReplicas));
        SetCount("updatedReplicas", newRs?.StatusReplicas ?? 0);
        SetCount("readyReplicas", all.Sum(rs => rs.ReadyReplicas));
        SetCount("availableReplicas", available);
        SetCount("unavailableReplicas", Math.Max(0, all.Sum(rs => rs.SpecReplicas) - available));
        DeploymentConditions.Set(status, available >= d.Replicas - d.MaxUnavailable
            ? DeploymentConditions.New(DeploymentConditions.Available, "True", DeploymentConditions.MinimumReplicasAvailable, "Deployment has minimum availability.", ctx.Now)
            : DeploymentConditions.New(DeploymentConditions.Available, "False", DeploymentConditions.MinimumReplicasUnavailable, "Deployment does not have minimum availability.", ctx.Now));
    }

    private void SyncRolloutStatus(List<ReplicaSetView> all, ReplicaSetView? newRs)
    {
        CalculateStatus(all, newRs);
        if (!d.HasProgressDeadline)
        {
            DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
        }

        var current = DeploymentConditions.Get(status, DeploymentConditions.Progressing);
        var isCompleteDeployment = Count(status, "replicas") == Count(status, "updatedReplicas")
            && current is not null && Meta.Str(current, "reason") == DeploymentConditions.NewRSAvailableReason;
        if (d.HasProgressDeadline && !isCompleteDeployment)
        {
            if (IsComplete(status))
            {
                DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "True",
                    DeploymentConditions.NewRSAvailableReason, $"ReplicaSet \"{newRs?.Name}\" has successfully progressed.", ctx.Now));
            }
            else if (IsProgressing())
            {
                // Progress refreshes lastUpdateTime even with the same reason: the deadline counts from the last progress.
                var condition = DeploymentConditions.New(DeploymentConditions.Progressing, "True", DeploymentConditions.ReplicaSetUpdatedReason,
                    newRs is null ? $"Deployment \"{d.Name}\" is progressing." : $"ReplicaSet \"{newRs.Name}\" is progressing.", ctx.Now);
                if (current is not null && Meta.Str(current, "status") == "True")
                {
                    condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
                }

                DeploymentConditions.Remove(status, DeploymentConditions.Progressing);
                DeploymentConditions.Set(status, condition);
            }
            else if (IsTimedOut())
            {
                DeploymentConditions.Set(status, DeploymentConditions.New(DeploymentConditions.Progressing, "False", DeploymentConditions.TimedOutReason,
                    newRs is null ? $"Deployment \"{d.Name}\" has timed out progressing." : $"ReplicaSet \"{newRs.Name}\" has timed out progressing.", ctx.Now));
            }
        }

        RequeueStuckDeployment();
    }

    /// <summary>deploymentutil.DeploymentComplete.</summary>
    private bool IsComplete(JsonObject s) =>
        Count(s, "updatedReplicas") == d.Replicas && Count(s, "replicas") == d.Replicas
        && Count(s, "availableReplicas") == d.Replicas && (Meta.Int(s, "observedGeneration") ?? 0) >= Meta.Generation(d.Obj);

    /// <summary>deploymentutil.DeploymentProgressing: more updated, ready or available pods, or fewer old ones.</summary>
    private bool IsProgressing() =>
        Count(status, "updatedReplicas") > Count(originalStatus, "updatedReplicas")
        || Count(status, "replicas") - Count(status, "updatedReplicas") < Count(originalStatus, "replicas") - Count(originalStatus, "updatedReplicas")
        || Count(status, "readyReplicas") > Count(originalStatus, "readyReplicas")
        || Count(status, "availableReplicas") > Count(originalStatus, "availableReplicas");

    /// <summary>deploymentutil.DeploymentTimedOut: no progress for progressDeadlineSeconds since the condition's lastUpdateTime.</summary>
    private bool IsTimedOut() => Remaining() is { } left && left < TimeSpan.Zero;

    private TimeSpan? Remaining()
    {
        var cond = DeploymentConditions.Get(status, DeploymentConditions.Progressing);
        var reason = Meta.Str(cond, "reason");
        if (!d.HasProgressDeadline || cond is null || reason == DeploymentConditions.NewRSAvailableReason)
        {
            return null;
        }

        return reason == DeploymentConditions.TimedOutReason
            ? TimeSpan.MinValue
            : Meta.Time(cond, "lastUpdateTime") is { } from ? from.AddSeconds(d.ProgressDeadlineSeconds) - ctx.Now : null;
    }

    /// <summary>requeueStuckDeployment: come back when the deadline would pass (plus a second, as the real one does).</summary>
    private void RequeueStuckDeployment()
    {
        if (IsComplete(status) || Remaining() is not { } left || left == TimeSpan.MinValue)
        {
            return;
        }

        requeueAfter = (left > TimeSpan.Zero ? left : TimeSpan.Zero) + TimeSpan.FromSeconds(1);
    }

    private void SetCount(string key, long value)
    {
        // The API omits zero counts (omitempty), so clients see them as absent.
        if (value == 0)
        {
            status.Remove(key);
        }
        else
        {
            status[key] = value;
        }
    }

    private static long Count(JsonObject s, string key) => Meta.Int(s, key) ?? 0;
}
