using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;

namespace Greylane.Sandbox.Controllers.Pods;

/// <summary>How the simulated kubelet runs a pod; tests pick a failure with an image tag or an annotation.</summary>
internal enum PodBehavior
{
    /// <summary>Running and Ready after <see cref="SandboxOptions.PodReadyDelay"/>.</summary>
    Healthy,

    /// <summary>An image tag starting <c>fail-</c>: Pending, containers waiting in ImagePullBackOff.</summary>
    ImagePullFailure,

    /// <summary>Annotation <c>sandbox.greylane.dev/behavior: never-ready</c>: Running, readiness probe never passes.</summary>
    NeverReady,

    /// <summary>Annotation <c>sandbox.greylane.dev/behavior: crash-loop</c>: Running, containers in CrashLoopBackOff, restartCount growing.</summary>
    CrashLoop,
}

/// <summary>Reads a pod's <see cref="PodBehavior"/>.</summary>
internal static class PodBehaviors
{
    public const string Annotation = "sandbox.greylane.dev/behavior";

    public static PodBehavior Of(JsonObject pod) => Meta.Annotation(pod, Annotation) switch
    {
        "never-ready" => PodBehavior.NeverReady,
        "crash-loop" => PodBehavior.CrashLoop,
        _ when Containers(pod).Any(c => Tag(Meta.Str(c, "image")).StartsWith("fail-", StringComparison.Ordinal)) => PodBehavior.ImagePullFailure,
        _ => PodBehavior.Healthy,
    };

    public static IEnumerable<JsonObject> Containers(JsonObject pod) => (pod["spec"]?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The tag of an image reference (after the last ':' that follows the last '/', before any digest).</summary>
    private static string Tag(string? image)
    {
        if (image is null)
        {
            return "";
        }

        var at = image.IndexOf('@', StringComparison.Ordinal);
        var reference = at >= 0 ? image[..at] : image;
        var colon = reference.LastIndexOf(':');
        return colon > reference.LastIndexOf('/') ? reference[(colon + 1)..] : "";
    }
}
