using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Pods;

/// <summary>
/// The sandbox's kubelet: a pod starts <see cref="SandboxOptions.PodReadyDelay"/> after it is first seen and then
/// follows its <see cref="PodBehavior"/>. Every timestamp derives from that start, so re-running is idempotent.
/// </summary>
internal static class PodLifecycle
{
    public const string NodeName = "sandbox-node";

    // kubelet's crash-loop back-off: 10 s doubling to 5 minutes.
    private static readonly TimeSpan InitialBackOff = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxBackOff = TimeSpan.FromMinutes(5);

    public static void Run(ControllerContext ctx, ObjectRef r)
    {
        if (ctx.Cache.Get(BuiltInResources.Pods, r.Namespace, r.Name) is not { } pod || Meta.IsDeleting(pod)
            || PodState.Phase(pod) is "Succeeded" or "Failed")
        {
            return;
        }

        var key = new WorkKey(WorkKind.Pod, r);
        var seen = ctx.Cache.PodFirstSeen(Meta.Uid(pod));
        var started = seen + ctx.Options.PodReadyDelay;
        var now = ctx.Now;
        JsonObject status;
        if (now < started)
        {
            status = PodStatuses.Pending(pod, seen, waitingReason: "ContainerCreating");
            ctx.RequeueAfter(key, started - now);
        }
        else
        {
            var behavior = PodBehaviors.Of(pod);
            var restarts = 0;
            if (behavior == PodBehavior.CrashLoop)
            {
                var nextRestart = CountRestarts(now - started, out restarts);
                ctx.RequeueAfter(key, nextRestart);
            }

            status = behavior switch
            {
                PodBehavior.ImagePullFailure => PodStatuses.Pending(pod, seen, waitingReason: "ImagePullBackOff"),
                _ => PodStatuses.Running(pod, seen, started, behavior, restarts),
            };
        }

        if (!JsonNode.DeepEquals(status, pod["status"]))
        {
            var copy = pod.DeepClone().AsObject();
            copy["status"] = status;
            ctx.Store.Update(BuiltInResources.Pods, copy, statusOnly: true);
        }
    }

    /// <summary>Restarts so far after <paramref name="elapsed"/> of crash-looping, and how long until the next.</summary>
    private static TimeSpan CountRestarts(TimeSpan elapsed, out int restarts)
    {
        restarts = 0;
        var backOff = InitialBackOff;
        var next = backOff;
        while (next <= elapsed)
        {
            restarts++;
            backOff = backOff * 2 > MaxBackOff ? MaxBackOff : backOff * 2;
            next += backOff;
        }

        return next - elapsed;
    }
}
