using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>
/// One pass of the Deployment controller over one Deployment, following kube-controller-manager's
/// syncDeployment: claim ReplicaSets, then scale (paused or scaling event) or roll (RollingUpdate/Recreate),
/// then write status. Status changes are gathered in <see cref="_status"/> and written once at the end.
/// </summary>
internal sealed partial class DeploymentSync
{
    private readonly ControllerContext _ctx;
    private readonly JsonObject _originalStatus;
    private readonly JsonObject _status;
    private DeploymentView _d;
    private string? _revision;
    private TimeSpan? _requeueAfter;
    private (ReplicaSetView? New, List<ReplicaSetView> Old)? _resolved;

    private DeploymentSync(ControllerContext ctx, JsonObject deployment)
    {
        _ctx = ctx;
        _d = new DeploymentView(deployment);
        _originalStatus = _d.Status.DeepClone().AsObject();
        _status = _d.Status.DeepClone().AsObject();
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
        if (SelectorParsing.TryParse(_d.Selector) is not { } selector)
        {
            return;
        }

        if (selector.IsEmpty)
        {
            // The real controller refuses a selector that selects everything, only recording that it saw the spec.
            _status["observedGeneration"] = Meta.Generation(_d.Obj);
            Persist();
            return;
        }

        var replicaSets = Claims.Claim(_ctx, BuiltInResources.Deployments, _d.Obj, BuiltInResources.ReplicaSets, selector)
            .Select(rs => new ReplicaSetView(rs)).ToList();
        if (Meta.IsDeleting(_d.Obj))
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

            if (_d.Paused || IsScalingEvent(replicaSets))
            {
                SyncScale(replicaSets);
            }
            else if (_d.IsRecreate)
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
        if (!_d.HasProgressDeadline)
        {
            return false;
        }

        var cond = DeploymentConditions.Get(_status, DeploymentConditions.Progressing);
        if (cond is not null && Meta.Str(cond, "reason") == DeploymentConditions.TimedOutReason)
        {
            return false;
        }

        var pausedCondExists = cond is not null && Meta.Str(cond, "reason") == DeploymentConditions.PausedReason;
        if (_d.Paused && !pausedCondExists)
        {
            DeploymentConditions.Set(_status, DeploymentConditions.New(
                DeploymentConditions.Progressing, "Unknown", DeploymentConditions.PausedReason, "Deployment is paused", _ctx.Now));
            return true;
        }

        if (!_d.Paused && pausedCondExists)
        {
            DeploymentConditions.Set(_status, DeploymentConditions.New(
                DeploymentConditions.Progressing, "Unknown", DeploymentConditions.ResumedReason, "Deployment is resumed", _ctx.Now));
            return true;
        }

        return false;
    }

    /// <summary>isScalingEvent: an active ReplicaSet's desired-replicas annotation differs from spec.replicas.</summary>
    private bool IsScalingEvent(List<ReplicaSetView> replicaSets)
    {
        var (newRs, oldRss) = AllReplicaSetsAndSyncRevision(replicaSets, createIfMissing: false);
        return oldRss.Concat(Maybe(newRs)).Where(rs => rs.SpecReplicas > 0)
            .Any(rs => rs.AnnotationInt(ReplicaSetView.DesiredReplicasAnnotation) is { } desired && desired != _d.Replicas);
    }

    private void Persist()
    {
        if (_revision is not null && Meta.Annotation(_d.Obj, ReplicaSetView.RevisionAnnotation) != _revision)
        {
            // The real controller sets this annotation in the same status write; the store's status subresource
            // keeps metadata, so it is a separate (metadata-only, generation-neutral) write here.
            var copy = _d.Obj.DeepClone().AsObject();
            Meta.Child(Meta.Child(copy, "metadata"), "annotations")[ReplicaSetView.RevisionAnnotation] = _revision;
            _d = new DeploymentView(_ctx.Store.Update(BuiltInResources.Deployments, copy));
        }

        if (!JsonNode.DeepEquals(_status, _originalStatus))
        {
            WriteStatus();
        }

        if (_requeueAfter is { } after)
        {
            _ctx.RequeueAfter(new WorkKey(WorkKind.Deployment, new ObjectRef(BuiltInResources.Deployments, _d.Namespace, _d.Name)), after);
        }
    }

    private void WriteStatus()
    {
        var copy = _d.Obj.DeepClone().AsObject();
        copy["status"] = _status.DeepClone();
        _d = new DeploymentView(_ctx.Store.Update(BuiltInResources.Deployments, copy, statusOnly: true));
    }

    private static IEnumerable<ReplicaSetView> Maybe(ReplicaSetView? rs) => rs is null ? [] : [rs];
}
