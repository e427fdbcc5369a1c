using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>Why pods are not ready, in the pods' own words, so that a rollback message says what was wrong.</summary>
internal static class PodProblem
{
    public static string? Describe(IEnumerable<V1Pod> pods)
    {
        foreach (var pod in pods.OrderBy(p => p.Metadata.Name, StringComparer.Ordinal))
        {
            if (Of(pod) is { } problem)
            {
                return $"pod {pod.Metadata.Name}: {problem}";
            }
        }

        return null;
    }

    private static string? Of(V1Pod pod)
    {
        foreach (var container in pod.Status?.ContainerStatuses ?? [])
        {
            if (container.State?.Waiting is { } waiting)
            {
                return $"container {container.Name} waiting: {waiting.Reason}{Detail(waiting.Message)}";
            }

            if (container.State?.Terminated is { } terminated)
            {
                return $"container {container.Name} terminated: {terminated.Reason} (exit code {terminated.ExitCode}){Detail(terminated.Message)}";
            }

            if (container.Ready != true)
            {
                return $"container {container.Name} running but not ready (readiness probe failing), {container.RestartCount} restarts";
            }
        }

        var unscheduled = pod.Status?.Conditions?.FirstOrDefault(c => c.Type == "PodScheduled" && c.Status == "False");
        return unscheduled is null ? null : $"not scheduled: {unscheduled.Reason}{Detail(unscheduled.Message)}";
    }

    private static string Detail(string? message) => string.IsNullOrWhiteSpace(message) ? "" : $": {message}";
}
