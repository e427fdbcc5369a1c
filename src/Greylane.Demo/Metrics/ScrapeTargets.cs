using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Metrics;

/// <summary>
/// Writes the running pods as Prometheus file_sd targets, labelled as Kubernetes pod discovery would be relabelled:
/// <c>namespace</c>, <c>pod</c>, and <c>release</c> from the canary's <c>greylane.dev/release</c> pod label (so a
/// query can pick exactly one release's canary pods). Written by rename, so Prometheus never reads half a file.
/// </summary>
internal static class ScrapeTargets
{
    private static readonly Lock Gate = new();

    public static void Write(string file, IEnumerable<RunningPod> pods)
    {
        var targets = new JsonArray();
        foreach (var pod in pods.OrderBy(p => p.Name, StringComparer.Ordinal))
        {
            var labels = new JsonObject { ["namespace"] = pod.Namespace, ["pod"] = pod.Name };
            if (pod.Labels.TryGetValue("greylane.dev/release", out var release))
            {
                labels["release"] = release;
            }

            targets.Add(new JsonObject { ["targets"] = new JsonArray(pod.Url.Authority), ["labels"] = labels });
        }

        lock (Gate)
        {
            var temporary = file + ".tmp";
            File.WriteAllText(temporary, targets.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            File.Move(temporary, file, overwrite: true);
        }
    }
}
