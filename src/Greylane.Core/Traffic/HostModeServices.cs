using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>The Services of a host-mode release: a canary Service, and the stable one pinned to stable pods.</summary>
public static class HostModeServices
{
    /// <summary>The selector label the Deployment controller puts on the pods of each ReplicaSet.</summary>
    public const string PodTemplateHash = "pod-template-hash";

    /// <summary>
    /// <c>&lt;service&gt;-canary</c>: the stable Service's ports, and a selector that only canary pods match: the original
    /// selector, overridden by the canary labels, plus <see cref="GreylaneKeys.Release"/> (stable pods carry neither).
    /// </summary>
    public static TrafficResult CanaryService(JsonObject stableService, TrafficTarget target, string release, Owner? owner = null)
    {
        try
        {
            var ns = RoutingObjects.RequireNamespace(stableService, target);
            var spec = OriginAnnotation.OriginalSpec(stableService);
            var selector = RequireSelector(stableService, spec);
            foreach (var (key, value) in target.CanaryLabels)
            {
                selector[key] = value;
            }

            selector[GreylaneKeys.Release] = release;
            var ports = new JsonArray([.. Json.Objects(spec, "ports").Select(p =>
            {
                var port = p.DeepClone().AsObject();
                port.Remove("nodePort");
                return (JsonNode)port;
            })]);
            var metadata = new JsonObject { ["name"] = target.CanaryService, ["namespace"] = ns };
            if (owner is not null)
            {
                metadata["ownerReferences"] = new JsonArray(owner.ToReference());
            }

            return TrafficResult.Ok(new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = metadata,
                ["spec"] = new JsonObject { ["type"] = "ClusterIP", ["ports"] = ports, ["selector"] = Json.FromMap(selector) },
            });
        }
        catch (TrafficException e)
        {
            return TrafficResult.Refused(e);
        }
    }

    /// <summary>The stable Service with the origin annotation and its original selector plus <c>pod-template-hash</c> of the stable ReplicaSet.</summary>
    public static TrafficResult PinnedStableService(JsonObject live, TrafficTarget target, string stablePodTemplateHash)
    {
        try
        {
            RoutingObjects.RequireNamespace(live, target);
            var desired = OriginAnnotation.Ensure(live, target);
            desired["spec"] = Pinned(live, stablePodTemplateHash);
            return TrafficResult.Ok(desired);
        }
        catch (TrafficException e)
        {
            return TrafficResult.Refused(e);
        }
    }

    internal static JsonObject Pinned(JsonObject live, string stablePodTemplateHash)
    {
        var spec = OriginAnnotation.OriginalSpec(live);
        RequireSelector(live, spec);
        spec["selector"]![PodTemplateHash] = stablePodTemplateHash;
        return spec;
    }

    private static Dictionary<string, string> RequireSelector(JsonObject service, JsonObject spec)
    {
        var selector = Json.StringMap(spec, "selector");
        return selector.Count > 0
            ? selector
            : throw new TrafficException(Json.Describe(service), "has no selector, so Greylane cannot split its pods into stable and canary; route with DestinationRule subsets (subset mode) or give the Service a selector");
    }
}
