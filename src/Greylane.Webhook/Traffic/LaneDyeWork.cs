using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// The lane's gateway dye EnvoyFilter (<see cref="LaneDye"/>): rendered only for a shared strategy, since it is owned by
/// the strategy's ConfigMap and so lives as long as the lane, not as one release.
/// </summary>
internal static class LaneDyeWork
{
    /// <summary>The write the dye still needs, or null when it is in place or not asked for.</summary>
    public static async Task<PendingWrite?> CompareAsync(
        RoutingApi api, RoutedRelease release, string ns, List<string> errors, List<string> notes, CancellationToken ct)
    {
        if (release.Strategy.Traffic.Lane is not { Dye: { } dye } lane)
        {
            return null;
        }

        var annotations = release.Deployment.Metadata?.Annotations;
        if (StrategySource.Reference(annotations?.TryGetValue(GreylaneKeys.StrategyRef, out var value) == true ? value : null) is not { } configMapName)
        {
            notes.Add($"traffic.lane.dye is set in an inline strategy: the dye EnvoyFilter is owned by the shared strategy's ConfigMap ({GreylaneKeys.StrategyRef}), so Greylane renders none; move the lane into a shared strategy to have it rendered");
            return null;
        }

        var configMap = await api.GetConfigMapAsync(ns, configMapName, ct).ConfigureAwait(false);
        if (configMap?.Metadata?.Uid is not { } uid)
        {
            errors.Add($"ConfigMap {ns}/{configMapName} ({GreylaneKeys.StrategyRef}) does not exist; the lane's dye EnvoyFilter is owned by it: create it or correct the annotation");
            return null;
        }

        var desired = LaneDye.EnvoyFilter(lane, dye, ns, Owner.ConfigMap(configMapName, uid));
        // Get, not list: Greylane's ClusterRole grants get/create/update on EnvoyFilters only.
        var (live, served) = await api.GetAsync(IstioKind.EnvoyFilter, ns, RoutingApi.Name(desired), ct).ConfigureAwait(false);
        if (!served)
        {
            errors.Add(RoutingReader.NotServed(IstioKind.EnvoyFilter));
            return null;
        }

        if (live is null)
        {
            return new PendingWrite(desired, null, [$"{StepWorkBuilder.Describe(desired)} does not exist"]);
        }

        if (JsonNode.DeepEquals(live["spec"], desired["spec"]) && OwnerReferences.Has(live, uid))
        {
            return null;
        }

        var body = live.DeepClone().AsObject();
        body["spec"] = desired["spec"]!.DeepClone();
        OwnerReferences.Ensure(body, desired);
        return new PendingWrite(body, live, [$"{StepWorkBuilder.Describe(desired)}: its spec or owner is not as Greylane set it"]);
    }
}
