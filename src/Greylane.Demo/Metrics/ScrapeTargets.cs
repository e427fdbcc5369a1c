using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Demo.Pods;

namespace Greylane.Demo.Metrics;

/// <summary>
/// Writes the running pods as Prometheus file_sd targets, labelled as Kubernetes pod discovery would be relabelled:
/// <c>namespace</c>, <c>pod</c>, and <c>release</c> from the canary's <c>greylane.dev/release</c> pod label (so a
/// query can pick exactly one release's canary pods), and the mesh's own metrics endpoint when given (label
/// <c>component="mesh"</c>). Written by rename, so Prometheus never reads half a file.
/// </summary>
internal static class ScrapeTargets
{
    private static readonly Lock Gate = new();

    public static void Write(string file, IEnumerable<RunningPod> pods, Uri? mesh = null)
    {
        var targets = new JsonArray();
        if (mesh is not null)
        {
            targets.Add(new JsonObject { ["targets"] = new JsonArray(mesh.Authority), ["labels"] = new JsonObject { ["component"] = "mesh" } });
        }

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
