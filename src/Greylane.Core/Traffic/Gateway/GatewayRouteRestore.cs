using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>
/// Takes a release's rules out of an HTTPRoute or GRPCRoute, three ways: the original (origin annotation), what Greylane
/// wrote (the original at any step's weight, plus rules named <c>greylane-&lt;deployment&gt;-…</c>) and the live object.
/// </summary>
public static class GatewayRouteRestore
{
    /// <summary>
    /// Every live rule Greylane wrote unchanged goes back to its original; Greylane's named rules go; a rule someone else
    /// edited keeps their edit and loses only its canary backendRef; rules and fields others added stay. <c>status</c> is left out.
    /// </summary>
    public static RestoreResult Restore(JsonObject live, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(target);
        var subject = Json.Describe(live);
        var notes = new List<string>();
        var origin = RestoreOrigin.Read(live, notes);
        var refs = new BackendRefs(target, Json.Namespace(live) ?? target.Namespace);
        var spec = (live["spec"] as JsonObject ?? []).DeepClone().AsObject();
        if (spec["rules"] is JsonArray rules)
        {
            spec["rules"] = RestoreRules(subject, rules, [.. Json.Objects(origin, "rules")], refs, notes);
        }

        var fields = spec.DeepClone().AsObject();
        var originFields = origin?.DeepClone().AsObject();
        fields.Remove("rules");
        originFields?.Remove("rules");
        RestoreNotes.Differences(subject, fields, originFields, notes);
        var restored = OriginAnnotation.Remove(live);
        restored["spec"] = spec;
        restored.Remove("status");
        return new RestoreResult(restored, origin is not null && Json.Same(spec, origin), notes);
    }

    private static JsonArray RestoreRules(string subject, JsonArray live, List<JsonObject> originals, BackendRefs refs, List<string> notes)
    {
        var unmatched = new List<JsonObject>(originals);
        var result = new JsonArray();
        var edited = 0;
        foreach (var (rule, index) in live.OfType<JsonObject>().Select((r, i) => (r, i + 1)))
        {
            if (Json.String(rule, "name")?.StartsWith(refs.Target.RouteNamePrefix, StringComparison.Ordinal) == true)
            {
                continue;
            }

            var label = GatewayRouteTransform.Label(rule, index);
            var original = unmatched.FirstOrDefault(o => WrittenFrom(o, rule, refs));
            if (original is not null)
            {
                unmatched.Remove(original);
                result.Add(original.DeepClone());
            }
            else if (Json.Objects(rule, "backendRefs").Any(refs.IsCanary))
            {
                edited++;
                result.Add(GatewayWeights.WithoutCanary(rule, refs));
                notes.Add($"{subject}: rule {label} was edited by someone else during the release; kept their edit and removed only the canary backendRef");
            }
            else
            {
                result.Add(rule.DeepClone());
                notes.Add($"{subject}: rule {label} was added or edited by someone else during the release; kept it");
            }
        }

        // An edited rule leaves its original unmatched; only originals beyond the edited ones were removed.
        if (unmatched.Count > edited)
        {
            notes.Add($"{subject}: {unmatched.Count - edited} original rule(s) were removed by someone else during the release; left removed");
        }

        return result;
    }

    // Greylane writes an original rule as is, or with the canary at some step's weight (1-100).
    private static bool WrittenFrom(JsonObject original, JsonObject live, BackendRefs refs) =>
        Json.Same(original, live)
        || (Json.Objects(live, "backendRefs").Any(refs.IsCanary)
            && Enumerable.Range(1, 100).Any(p => Json.Same(GatewayWeights.WithCanary(original, refs, p), live)));
}
