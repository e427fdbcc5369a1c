using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>
/// One pass of the Deployment controller over one Deployment, following kube-controller-manager's
/// syncDeployment: claim ReplicaSets, then scale (paused or scaling event) or roll (RollingUpdate/Recreate),
/// then write status. Status changes are gathered in <see cref="status"/> and written once at the end.
/// </summary>
internal sealed partial class DeploymentSync
{
    private readonly ControllerContext ctx;
    private readonly JsonObject originalStatus;
    private readonly JsonObject status;
    private DeploymentView d;
    private string? revision;
    private TimeSpan? requeueAfter;
    private (ReplicaSetView? New, List<ReplicaSetView> Old)? resolved;

    private DeploymentSync(ControllerContext ctx, JsonObject deployment)
    {
        this.ctx = ctx;
        d = new DeploymentView(deployment);
        originalStatus = d.Status.DeepClone().AsObject();
        status = d.Status.DeepClone().AsObject();
    }

    public static void Run(ControllerContext ctx, ObjectRef r)
    {
        if (ctx.Cache.Get(BuiltInResources.Deployments, r.Namespace, r.Name) is { } deployment)
        {
            new DeploymentSync(ctx, deployment).Sync();
        }
    }

    private void Sync()
    {
        if (SelectorParsing.TryParse(d.Selector) is not { } selector)
        {
            return;
        }

        if (selector.IsEmpty)
        {
            // The real controller refuses a selector that selects everything, only recording that it saw the spec.
            status["observedGeneration"] = Meta.Generation(d.Obj);
            Persist();
            return;
        }

        var replicaSets = Claims.Claim(ctx, BuiltInResources.Deployments, d.Obj, BuiltInResources.ReplicaSets, selector)
            .Select(rs => new ReplicaSetView(rs)).ToList();
        if (Meta.IsDeleting(d.Obj))
        {
            var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: false);
            CalculateStatus([.. oldRss, .. Maybe(newRs)], newRs);
        }
        else
        {
            if (CheckPausedConditions())
            {
                // Written at once, as the real controller does, so clients see DeploymentResumed before the rollout's own reasons.
                WriteStatus();
            }

            if (d.Paused || IsScalingEvent(replicaSets))
            {
                SyncScale(replicaSets);
            }
            else if (d.IsRecreate)
            {
                RolloutRecreate(replicaSets);
            }
            else
            {
                RolloutRolling(replicaSets);
            }
        }

        Persist();
    }

    /// <summary>The checkPausedConditions rule: Progressing Unknown/DeploymentPaused while paused, DeploymentResumed after, never over a timeout.</summary>
    private bool CheckPausedConditions()
    {
        if (!d.HasProgressDeadline)
        {
            return false;
        }

        var cond = DeploymentConditions.Get(status, DeploymentConditions.Progressing);
        if (cond is not null && Meta.Str(cond, "reason") == DeploymentConditions.TimedOutReason)
        {
            return false;
        }

        var pausedCondExists = cond is not null && Meta.Str(cond, "reason") == DeploymentConditions.PausedReason;
        if (d.Paused && !pausedCondExists)
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(
                DeploymentConditions.Progressing, "Unknown", DeploymentConditions.PausedReason, "Deployment is paused", ctx.Now));
            return true;
        }

        if (!d.Paused && pausedCondExists)
        {
            DeploymentConditions.Set(status, DeploymentConditions.New(
                DeploymentConditions.Progressing, "Unknown", DeploymentConditions.ResumedReason, "Deployment is resumed", ctx.Now));
            return true;
        }

        return false;
    }

    /// <summary>isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas.</summary>
    private bool IsScalingEvent(List<ReplicaSetView> replicaSets)
    {
        var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: false);
        return oldRss.Concat(Maybe(newRs)).Where(rs => rs.SpecReplicas > 0)
            .Any(rs => rs.AnnotationInt(ReplicaSetView.DesiredReplicasAnnotation) is { } desired && desired != d.Replicas);
    }

    private void Persist()
    {
        if (revision is not null && Meta.Annotation(d.Obj, ReplicaSetView.RevisionAnnotation) != revision)
        {
            // The real controller sets this annotation in the same status write; the store's status subresource
            // keeps metadata, so it is a separate (metadata-only, generation-neutral) write here.
            var copy = d.Obj.DeepClone().AsObject();
            Meta.Child(Meta.Child(copy, "metadata"), "annotations")[ReplicaSetView.RevisionAnnotation] = revision;
            d = new DeploymentView(ctx.Store.Update(BuiltInResources.Deployments, copy));
        }

        if (!JsonNode.DeepEquals(status, originalStatus))
        {
            WriteStatus();
        }

        if (requeueAfter is { } after)
        {
            ctx.RequeueAfter(new WorkKey(WorkKind.Deployment, new ObjectRef(BuiltInResources.Deployments, d.Namespace, d.Name)), after);
        }
    }

    private void WriteStatus()
    {
        var copy = d.Obj.DeepClone().AsObject();
        copy["status"] = status.DeepClone();
        d = new DeploymentView(ctx.Store.Update(BuiltInResources.Deployments, copy, statusOnly: true));
    }

    private static IEnumerable<ReplicaSetView> Maybe(ReplicaSetView? rs) => rs is null ? [] : [rs];
}
