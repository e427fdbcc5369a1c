using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Core.Traffic;
using Greylane.Webhook.Controller.Leadership;
using Greylane.Webhook.Traffic;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The leader's look for routing objects and Services that still carry <c>greylane.dev/origin</c>: left by a release
/// whose Deployment was deleted or opted out while no controller ran, or by a leader that stopped mid-write. Those of
/// an opted-in Deployment are handed to its reconcile (which restores them when no release is in progress); those whose
/// Deployment is gone are restored here from the owner the annotation names, with an Event on the object.
/// </summary>
internal sealed partial class RoutingSweep(IKubernetes kube, LeaderFence fence, EventRecorder events, ILogger<RoutingSweep> logger)
{
    private readonly RoutingApi _api = new(kube, fence);
    private readonly Traffic.Gateway.GatewayRoutingApi _routes = new(kube);

    /// <summary>
    /// Sweeps every namespace. <paramref name="optedIn"/> says whether a Deployment key (<c>namespace/name</c>) is one the
    /// controller watches; returns those of them that have leftovers, for a reconcile that looks past the quiet check.
    /// </summary>
    public async Task<IReadOnlyCollection<string>> SweepAsync(Func<string, bool> optedIn, CancellationToken cancellationToken)
    {
        var recheck = new HashSet<string>(StringComparer.Ordinal);
        foreach (var obj in await LeftoversAsync(cancellationToken))
        {
            var ns = obj["metadata"]?["namespace"]?.GetValue<string>() ?? "";
            var subject = StepWorkBuilder.Describe(obj);
            if (OriginAnnotation.Owner(obj) is not { } owner)
            {
                LogUnowned(subject);
                continue;
            }

            var key = $"{ns}/{owner.Deployment}";
            if (optedIn(key))
            {
                recheck.Add(key);
                continue;
            }

            await RestoreAsync(obj, key, subject, cancellationToken);
        }

        return recheck;
    }

    private async Task<IReadOnlyList<JsonObject>> LeftoversAsync(CancellationToken cancellationToken)
    {
        var all = new List<JsonObject>();
        foreach (var kind in new[] { IstioKind.VirtualService, IstioKind.DestinationRule })
        {
            all.AddRange(await _api.ListEverywhereAsync(kind, cancellationToken) ?? []);
        }

        foreach (var kind in Core.Traffic.Gateway.GatewayKind.All)
        {
            all.AddRange(await _routes.ListEverywhereAsync(kind, cancellationToken) ?? []);
        }

        all.AddRange(await _api.ListServicesEverywhereAsync(cancellationToken));
        return [.. all.Where(o => o["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null)];
    }

    private async Task RestoreAsync(JsonObject obj, string owner, string subject, CancellationToken cancellationToken)
    {
        RestoreResult? restored;
        try
        {
            restored = LeftoverRestore.Restore(obj);
        }
        catch (TrafficException e)
        {
            LogNotRestored(subject, e.Message);
            return;
        }

        if (restored is null)
        {
            LogUnowned(subject);
            return;
        }

        var ns = obj["metadata"]!["namespace"]!.GetValue<string>();
        try
        {
            // The write carries the resourceVersion just read: an object changed meanwhile waits for the next sweep.
            await _api.PatchAsync(obj, restored.Restored, ns, cancellationToken);
        }
        catch (HttpOperationException e) when (RoutingApi.IsConflict(e) || RoutingApi.IsNotFound(e))
        {
            return;
        }

        var notes = restored.Notes.Count == 0 ? "" : $" ({string.Join("; ", restored.Notes)})";
        await events.RecordAsync(
            new V1ObjectReference
            {
                ApiVersion = obj["apiVersion"]?.GetValue<string>(),
                Kind = RoutingApi.Kind(obj),
                Name = RoutingApi.Name(obj),
                NamespaceProperty = ns,
                Uid = obj["metadata"]?["uid"]?.GetValue<string>(),
            },
            "LeftoverRestored",
            $"Deployment {owner} is gone or no longer opted in, and no release of it is in progress: restored {subject} to its original{notes}",
            EventType.Warning,
            cancellationToken);
        LogRestored(subject, owner);
    }



}
