using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// Takes a release's routes out of a VirtualService, three ways: the original (origin annotation), what Greylane wrote
/// (the original at any step's weight, plus routes named <c>greylane-&lt;deployment&gt;-…</c>) and the live object.
/// </summary>
public static class VirtualServiceRestore
{
    /// <summary>
    /// Every live route Greylane wrote unchanged goes back to its original; Greylane's named routes go; a route someone
    /// else edited keeps their edit and loses only its canary destination; routes and fields others added stay.
    /// </summary>
    public static RestoreResult Restore(JsonObject live, TrafficTarget target, RoutingMode mode)
    {
        var subject = Json.Describe(live);
        var notes = new List<string>();
        var origin = RestoreOrigin.Read(live, notes);
        var hosts = new HostDestinations(target, mode, Json.Namespace(live) ?? target.Namespace);
        var spec = (live["spec"] as JsonObject ?? []).DeepClone().AsObject();
        foreach (var kind in RouteKinds.All)
        {
            if (spec[kind] is JsonArray routes)
            {
                spec[kind] = RestoreRoutes(subject, kind, routes, Json.Objects(origin, kind).ToList(), hosts, notes);
            }
        }

        var fields = spec.DeepClone().AsObject();
        var originFields = origin?.DeepClone().AsObject();
        foreach (var kind in RouteKinds.All)
        {
            fields.Remove(kind);
            originFields?.Remove(kind);
        }

        RestoreNotes.Differences(subject, fields, originFields, notes);
        var restored = OriginAnnotation.Remove(live);
        restored["spec"] = spec;
        return new RestoreResult(restored, origin is not null && Json.Same(spec, origin), notes);
    }

    private static JsonArray RestoreRoutes(string subject, string kind, JsonArray live, List<JsonObject> originals, HostDestinations hosts, List<string> notes)
    {
        var unmatched = new List<JsonObject>(originals);
        var result = new JsonArray();
        var index = 0;
        var edited = 0;
        foreach (var route in live.OfType<JsonObject>())
        {
            index++;
            var label = Json.String(route, "name") is { } name ? $"`{name}`" : $"#{index}";
            if (Json.String(route, "name")?.StartsWith(hosts.Target.RouteNamePrefix, StringComparison.Ordinal) == true)
            {
                continue;
            }

            var original = unmatched.FirstOrDefault(o => WrittenFrom(o, route, hosts));
            if (original is not null)
            {
                unmatched.Remove(original);
                result.Add(original.DeepClone());
            }
            else if (Json.Objects(route, "route").Any(hosts.IsCanary))
            {
                edited++;
                result.Add(RouteWeights.WithoutCanary(route, hosts));
                notes.Add($"{subject}: {kind} route {label} was edited by someone else during the release; kept their edit and removed only the canary destination");
            }
            else
            {
                result.Add(route.DeepClone());
                notes.Add($"{subject}: {kind} route {label} was added or edited by someone else during the release; kept it");
            }
        }

        // An edited route leaves its original unmatched; only originals beyond the edited ones were removed.
        if (unmatched.Count > edited)
        {
            notes.Add($"{subject}: {unmatched.Count - edited} original {kind} route(s) were removed by someone else during the release; left removed");
        }

        return result;
    }

    // Greylane writes an original route as is, or with the canary at some step's weight (1-100).
    private static bool WrittenFrom(JsonObject original, JsonObject live, HostDestinations hosts) =>
        Json.Same(original, live)
        || (Json.Objects(live, "route").Any(hosts.IsCanary)
            && Enumerable.Range(1, 100).Any(p => Json.Same(RouteWeights.WithCanary(original, hosts, p), live)));
}
