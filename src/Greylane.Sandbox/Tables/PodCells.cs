using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Tables;

/// <summary>The READY, STATUS and RESTARTS cells of a pod, computed as the real pod printer does.</summary>
internal static class PodCells
{
    public static string Ready(JsonObject pod)
    {
        var total = (pod["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = Statuses(pod).Count(s => s["ready"] is JsonValue v && v.TryGetValue(out bool r) && r);
        return $"{ready}/{total}";
    }

    public static string Status(JsonObject pod)
    {
        if (pod.MetaString("deletionTimestamp") is not null)
        {
            return "Terminating";
        }

        var waiting = Statuses(pod).Select(s => BuiltInColumns.Str(s["state"]?["waiting"]?["reason"])).FirstOrDefault(r => r.Length > 0);
        return waiting ?? BuiltInColumns.Str(pod["status"]?["phase"]) switch
        {
            "" => "Pending",
            var phase => phase,
        };
    }

    public static long Restarts(JsonObject pod) =>
        Statuses(pod).Sum(s => JsonNumbers.AsLong(s["restartCount"]) ?? 0);

    private static IEnumerable<JsonObject> Statuses(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>();
}
