using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Unpins the stable Service of a host-mode release, keeping what others changed during the release.</summary>
public static class ServiceRestore
{
    /// <summary>The live Service with its original <c>pod-template-hash</c> selector entry (usually none) and without the origin annotation.</summary>
    public static RestoreResult Restore(JsonObject live)
    {
        var subject = Json.Describe(live);
        var notes = new List<string>();
        var origin = RestoreOrigin.Read(live, notes);
        var spec = (live["spec"] as JsonObject ?? []).DeepClone().AsObject();
        if (spec["selector"] is JsonObject selector)
        {
            if (origin?["selector"]?[HostModeServices.PodTemplateHash] is { } originalHash)
            {
                selector[HostModeServices.PodTemplateHash] = originalHash.DeepClone();
            }
            else
            {
                selector.Remove(HostModeServices.PodTemplateHash);
            }
        }

        RestoreNotes.Differences(subject, spec, origin, notes);
        var restored = OriginAnnotation.Remove(live);
        restored["spec"] = spec;
        return new RestoreResult(restored, origin is not null && Json.Same(spec, origin), notes);
    }
}
