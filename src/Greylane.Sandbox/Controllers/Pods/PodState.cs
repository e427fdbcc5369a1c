using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Pods;

/// <summary>podutil's readings of a pod: active, ready, available, and the order the ReplicaSet controller deletes in.</summary>
internal static class PodState
{
    /// <summary>controller.IsPodActive: not Succeeded/Failed and not being deleted.</summary>
    public static bool IsActive(JsonObject pod) => Phase(pod) is not ("Succeeded" or "Failed") && !Meta.IsDeleting(pod);

    public static bool IsReady(JsonObject pod) => Meta.Str(ReadyCondition(pod), "status") == "True";

    /// <summary>podutil.IsPodAvailable: ready, and for more than minReadySeconds.</summary>
    public static bool IsAvailable(JsonObject pod, int minReadySeconds, DateTimeOffset now) =>
        IsReady(pod) && (minReadySeconds == 0 || AvailableAt(pod, minReadySeconds) < now);

    /// <summary>When a ready pod counts as available (its Ready transition plus minReadySeconds); default when not ready.</summary>
    public static DateTimeOffset AvailableAt(JsonObject pod, int minReadySeconds) =>
        IsReady(pod) && Meta.Time(ReadyCondition(pod), "lastTransitionTime") is { } since ? since.AddSeconds(minReadySeconds) : default;

    /// <summary>
    /// controller.ActivePods ordering (the ones to delete first): unscheduled, then Pending before Unknown before
    /// Running, not ready before ready, ready for less time, more restarts, then newer.
    /// </summary>
    public static int DeletionOrder(JsonObject a, JsonObject b)
    {
        var scheduled = IsScheduled(a).CompareTo(IsScheduled(b));
        if (scheduled != 0)
        {
            return scheduled;
        }

        var phase = PhaseRank(a).CompareTo(PhaseRank(b));
        if (phase != 0)
        {
            return phase;
        }

        var ready = IsReady(a).CompareTo(IsReady(b));
        if (ready != 0)
        {
            return ready;
        }

        if (IsReady(a))
        {
            var sinceA = Meta.Time(ReadyCondition(a), "lastTransitionTime") ?? default;
            var sinceB = Meta.Time(ReadyCondition(b), "lastTransitionTime") ?? default;
            if (sinceA != sinceB)
            {
                return sinceB.CompareTo(sinceA);
            }
        }

        var restarts = Restarts(b).CompareTo(Restarts(a));
        if (restarts != 0)
        {
            return restarts;
        }

        var createdA = Meta.CreationTimestamp(a) ?? default;
        var createdB = Meta.CreationTimestamp(b) ?? default;
        return createdA != createdB ? createdB.CompareTo(createdA) : string.CompareOrdinal(Meta.Name(a), Meta.Name(b));
    }

    public static string? Phase(JsonObject pod) => Meta.Str(pod["status"] as JsonObject, "phase");

    private static JsonObject? ReadyCondition(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c, "type") == "Ready");

    private static bool IsScheduled(JsonObject pod) => !string.IsNullOrEmpty(Meta.Str(pod["spec"] as JsonObject, "nodeName"));

    private static int PhaseRank(JsonObject pod) => Phase(pod) switch
    {
        "Pending" or null => 0,
        "Running" => 2,
        _ => 1,
    };

    private static long Restarts(JsonObject pod) =>
        (pod["status"]?["containerStatuses"] as JsonArray ?? []).OfType<JsonObject>().Sum(c => Meta.Int(c, "restartCount") ?? 0);
}
