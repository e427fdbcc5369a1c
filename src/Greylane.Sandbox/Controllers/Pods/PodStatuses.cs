using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Pods;

/// <summary>The pod status documents the simulated kubelet writes, shaped like a real kubelet's.</summary>
internal static class PodStatuses
{
    private const string HostIp = "10.0.0.10";

    public static JsonObject Pending(JsonObject pod, DateTimeOffset seen, string waitingReason)
    {
        var status = Base(pod, "Pending", seen);
        status["conditions"] = Conditions(seen, ready: false);
        status["containerStatuses"] = new JsonArray([.. PodBehaviors.Containers(pod).Select(c => (JsonNode)Container(c, ready: false, restarts: 0,
            new JsonObject { ["waiting"] = new JsonObject { ["reason"] = waitingReason } }, lastState: null))]);
        return status;
    }

    public static JsonObject Running(JsonObject pod, DateTimeOffset seen, DateTimeOffset started, PodBehavior behavior, int restarts)
    {
        var status = Base(pod, "Running", seen);
        var ready = behavior == PodBehavior.Healthy;
        status["podIP"] = PodIp(Meta.Uid(pod));
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = PodIp(Meta.Uid(pod)) });
        status["conditions"] = Conditions(ready ? started : seen, ready);
        status["containerStatuses"] = new JsonArray([.. PodBehaviors.Containers(pod).Select(c => (JsonNode)(behavior == PodBehavior.CrashLoop
            ? Container(c, ready: false, restarts,
                new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off restarting failed container {Meta.Str(c, "name")}" } },
                restarts == 0 ? null : new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 1L, ["reason"] = "Error" } })
            : Container(c, ready, 0, new JsonObject { ["running"] = new JsonObject { ["startedAt"] = ObjectMeta.Timestamp(started) } }, lastState: null)))]);
        return status;
    }

    private static JsonObject Base(JsonObject pod, string phase, DateTimeOffset seen) => new()
    {
        ["phase"] = phase,
        ["hostIP"] = HostIp,
        ["startTime"] = ObjectMeta.Timestamp(seen),
        ["qosClass"] = Meta.Str(pod["status"] as JsonObject, "qosClass") ?? "BestEffort",
    };

    // No init containers: Initialized is true from the start, as the kubelet reports it.
    private static JsonArray Conditions(DateTimeOffset readySince, bool ready)
    {
        JsonObject Condition(string type, bool value)
        {
            var condition = new JsonObject
            {
                ["type"] = type,
                ["status"] = value ? "True" : "False",
                ["lastProbeTime"] = null,
                ["lastTransitionTime"] = ObjectMeta.Timestamp(readySince),
            };
            if (!value)
            {
                condition["reason"] = "ContainersNotReady";
            }

            return condition;
        }

        return
        [
            Condition("PodScheduled", true),
            Condition("Initialized", true),
            Condition("ContainersReady", ready),
            Condition("Ready", ready),
        ];
    }

    private static JsonObject Container(JsonObject spec, bool ready, int restarts, JsonObject state, JsonObject? lastState) => new()
    {
        ["name"] = Meta.Str(spec, "name"),
        ["image"] = Meta.Str(spec, "image"),
        ["imageID"] = "",
        ["ready"] = ready,
        ["started"] = state.ContainsKey("running"),
        ["restartCount"] = (long)restarts,
        ["state"] = state,
        ["lastState"] = lastState ?? [],
    };

    /// <summary>A stable address from the pod's uid in 10.244.0.0/16 (the usual pod CIDR).</summary>
    private static string PodIp(string uid)
    {
        var hash = uint.TryParse(uid.AsSpan(0, Math.Min(8, uid.Length)), System.Globalization.NumberStyles.HexNumber, null, out var h) ? h : 0;
        return $"10.244.{(hash >> 8) % 256}.{(hash % 254) + 1}";
    }
}
