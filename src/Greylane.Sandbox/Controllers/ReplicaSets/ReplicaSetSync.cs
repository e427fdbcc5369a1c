using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Controllers.Pods;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.ReplicaSets;

/// <summary>
/// syncReplicaSet: claim active pods by selector and controller reference, create or delete pods to match
/// spec.replicas (not while the ReplicaSet is being deleted), then write status.
/// </summary>
internal static class ReplicaSetSync
{
    // The real controller's burstReplicas: at most this many creations or deletions per sync.
    private const int BurstReplicas = 500;

    public static void Run(ControllerContext ctx, ObjectRef r)
    {
        if (ctx.Cache.Get(BuiltInResources.ReplicaSets, r.Namespace, r.Name) is not { } rs)
        {
            return;
        }

        if (SelectorParsing.TryParse(rs["spec"]?["selector"] as JsonObject) is not { } selector || selector.IsEmpty)
        {
            // apps/v1 rejects an empty selector; never let one adopt every pod of the namespace.
            return;
        }

        var pods = Claims.Claim(ctx, BuiltInResources.ReplicaSets, rs, BuiltInResources.Pods, selector, PodState.IsActive);
        if (!Meta.IsDeleting(rs))
        {
            ManageReplicas(ctx, rs, pods);
        }

        var minReadySeconds = (int)(Meta.Int(rs["spec"] as JsonObject, "minReadySeconds") ?? 0);
        var now = ctx.Now;
        var status = (rs["status"] as JsonObject)?.DeepClone().AsObject() ?? [];
        var templateLabels = Meta.StringMap(rs["spec"]?["template"]?["metadata"]?["labels"] as JsonObject);
        SetCount(status, "replicas", pods.Count);
        SetCount(status, "fullyLabeledReplicas", pods.Count(p => templateLabels.All(l => Meta.Labels(p).TryGetValue(l.Key, out var v) && v == l.Value)));
        SetCount(status, "readyReplicas", pods.Count(PodState.IsReady));
        SetCount(status, "availableReplicas", pods.Count(p => PodState.IsAvailable(p, minReadySeconds, now)));
        SetCount(status, "observedGeneration", Meta.Generation(rs));
        if (!JsonNode.DeepEquals(status, rs["status"] ?? new JsonObject()))
        {
            var copy = rs.DeepClone().AsObject();
            copy["status"] = status;
            ctx.Store.Update(BuiltInResources.ReplicaSets, copy, statusOnly: true);
        }

        // A ready pod becomes available minReadySeconds later with no event of its own: come back then.
        var nextAvailable = pods.Select(p => PodState.AvailableAt(p, minReadySeconds)).Where(t => t > now).Order().FirstOrDefault();
        if (nextAvailable != default)
        {
            ctx.RequeueAfter(new WorkKey(WorkKind.ReplicaSet, r), nextAvailable - now + TimeSpan.FromSeconds(1));
        }
    }

    private static void ManageReplicas(ControllerContext ctx, JsonObject rs, List<JsonObject> pods)
    {
        var diff = pods.Count - (int)(Meta.Int(rs["spec"] as JsonObject, "replicas") ?? 1);
        if (diff < 0)
        {
            for (var i = 0; i < Math.Min(-diff, BurstReplicas); i++)
            {
                PodFactory.Create(ctx, rs);
            }
        }
        else if (diff > 0)
        {
            var ranked = pods.ToList();
            ranked.Sort(PodState.DeletionOrder);
            foreach (var pod in ranked.Take(Math.Min(diff, BurstReplicas)))
            {
                try
                {
                    ctx.Store.Delete(BuiltInResources.Pods, Meta.Namespace(pod), Meta.Name(pod));
                }
                catch (StoreException e) when (e.Code == 404)
                {
                    // Already gone: what we wanted.
                }
            }
        }
    }

    private static void SetCount(JsonObject status, string key, long value)
    {
        // readyReplicas etc. are omitempty in the API; replicas is always written (it is not omitempty).
        if (value == 0 && key != "replicas")
        {
            status.Remove(key);
        }
        else
        {
            status[key] = value;
        }
    }
}
