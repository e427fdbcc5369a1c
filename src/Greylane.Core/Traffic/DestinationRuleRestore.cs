using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Takes the canary subset out of a DestinationRule, keeping what others changed during the release.</summary>
public static class DestinationRuleRestore
{
    /// <summary>The live DestinationRule without the canary subset and the origin annotation; exactly the original when no one else changed it.</summary>
    public static RestoreResult Restore(JsonObject live, TrafficTarget target)
    {
        var subject = Json.Describe(live);
        var notes = new List<string>();
        var origin = RestoreOrigin.Read(live, notes);
        var spec = (live["spec"] as JsonObject ?? []).DeepClone().AsObject();
        if (spec["subsets"] is JsonArray subsets)
        {
            foreach (var canary in subsets.OfType<JsonObject>().Where(s => Json.String(s, "name") == target.CanarySubset).ToList())
            {
                if (!Json.Same(canary, DestinationRuleTransform.CanarySubset(target)))
                {
                    notes.Add($"{subject}: subset `{target.CanarySubset}` had been changed by someone else; removed it as Greylane's");
                }

                subsets.Remove(canary);
            }

            if (subsets.Count == 0 && origin?["subsets"] is null)
            {
                spec.Remove("subsets");
            }
        }

        RestoreNotes.Differences(subject, spec, origin, notes);
        var restored = OriginAnnotation.Remove(live);
        restored["spec"] = spec;
        return new RestoreResult(restored, origin is not null && Json.Same(spec, origin), notes);
    }
}
