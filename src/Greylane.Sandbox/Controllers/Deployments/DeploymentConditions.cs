using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Deployments;

/// <summary>Deployment condition types, reasons and deploymentutil's Get/Set/Remove condition rules.</summary>
internal static class DeploymentConditions
{
    public const string Available = "Available";
    public const string Progressing = "Progressing";
    public const string MinimumReplicasAvailable = "MinimumReplicasAvailable";
    public const string MinimumReplicasUnavailable = "MinimumReplicasUnavailable";
    public const string NewReplicaSetReason = "NewReplicaSetCreated";
    public const string FoundNewRSReason = "FoundNewReplicaSet";
    public const string ReplicaSetUpdatedReason = "ReplicaSetUpdated";
    public const string NewRSAvailableReason = "NewReplicaSetAvailable";
    public const string TimedOutReason = "ProgressDeadlineExceeded";
    public const string PausedReason = "DeploymentPaused";
    public const string ResumedReason = "DeploymentResumed";

    public static JsonObject? Get(JsonObject status, string type) =>
        (status["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => Meta.Str(c, "type") == type);

    public static JsonObject New(string type, string conditionStatus, string reason, string message, DateTimeOffset now)
    {
        var time = ObjectMeta.Timestamp(now);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = conditionStatus,
            ["lastUpdateTime"] = time,
            ["lastTransitionTime"] = time,
            ["reason"] = reason,
            ["message"] = message,
        };
    }

    /// <summary>deploymentutil.SetDeploymentCondition: no change for the same status and reason; lastTransitionTime kept for the same status.</summary>
    public static void Set(JsonObject status, JsonObject condition)
    {
        var current = Get(status, Meta.Str(condition, "type") ?? "");
        if (current is not null && Meta.Str(current, "status") == Meta.Str(condition, "status")
            && Meta.Str(current, "reason") == Meta.Str(condition, "reason"))
        {
            return;
        }

        if (current is not null && Meta.Str(current, "status") == Meta.Str(condition, "status"))
        {
            condition["lastTransitionTime"] = current["lastTransitionTime"]?.DeepClone();
        }

        Remove(status, Meta.Str(condition, "type") ?? "");
        Conditions(status).Add(condition);
    }

    public static void Remove(JsonObject status, string type)
    {
        var conditions = Conditions(status);
        foreach (var c in conditions.OfType<JsonObject>().Where(c => Meta.Str(c, "type") == type).ToList())
        {
            conditions.Remove(c);
        }
    }

    private static JsonArray Conditions(JsonObject status)
    {
        if (status["conditions"] is JsonArray existing)
        {
            return existing;
        }

        var created = new JsonArray();
        status["conditions"] = created;
        return created;
    }
}
