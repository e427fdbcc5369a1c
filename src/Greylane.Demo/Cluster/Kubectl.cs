using System.Diagnostics;
using System.Text.Json.Nodes;
using Greylane.Demo.Narration;
using k8s;
using k8s.Models;

namespace Greylane.Demo.Cluster;

/// <summary>
/// The commands a person would type, run with the real <c>kubectl</c> against the sandbox when it is installed
/// (its output, including the webhook's <c>Warning:</c> lines, is shown), otherwise sent as the same patches through
/// the KubernetesClient.
/// </summary>
internal sealed class Kubectl(string? binary, string kubeconfig, IKubernetes client, DemoOutput output, string cacheDirectory)
{
    /// <summary>The installed kubectl binary, or null when there is none.</summary>
    public static string? Installed { get; } =
        new[] { "/usr/bin/kubectl" }
            .Concat((Environment.GetEnvironmentVariable("PATH") ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries).Select(p => Path.Combine(p, "kubectl")))
            .FirstOrDefault(File.Exists);

    /// <summary><c>kubectl set image deployment/NAME CONTAINER=IMAGE</c>.</summary>
    public Task SetImageAsync(string ns, string deployment, string container, string image, CancellationToken cancellationToken) =>
        RunAsync(ns, ["set", "image", $"deployment/{deployment}", $"{container}={image}"],
            () => PatchAsync(ns, deployment, Containers(container, image, null), cancellationToken), cancellationToken);

    /// <summary>A new image and an environment variable in one template change (<c>kubectl patch</c>), so that it is one release.</summary>
    public Task SetImageAndEnvAsync(string ns, string deployment, string container, string image, string variable, string value, CancellationToken cancellationToken)
    {
        var patch = Containers(container, image, (variable, value));
        return RunAsync(ns, ["patch", $"deployment/{deployment}", "--type", "strategic", "-p", patch.ToJsonString()],
            () => PatchAsync(ns, deployment, patch, cancellationToken), cancellationToken);
    }

    /// <summary><c>kubectl annotate --overwrite deployment/NAME KEY=VALUE</c> (how a person sends <c>greylane.dev/command</c>).</summary>
    public Task AnnotateAsync(string ns, string deployment, string key, string value, CancellationToken cancellationToken) =>
        RunAsync(ns, ["annotate", "--overwrite", $"deployment/{deployment}", $"{key}={value}"],
            () => PatchAsync(ns, deployment, new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = new JsonObject { [key] = value } } }, cancellationToken),
            cancellationToken);

    private static JsonObject Containers(string container, string image, (string Name, string Value)? env)
    {
        var entry = new JsonObject { ["name"] = container, ["image"] = image };
        if (env is { } e)
        {
            entry["env"] = new JsonArray(new JsonObject { ["name"] = e.Name, ["value"] = e.Value });
        }

        return new JsonObject { ["spec"] = new JsonObject { ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(entry) } } } };
    }

    private async Task PatchAsync(string ns, string deployment, JsonObject patch, CancellationToken cancellationToken) =>
        await client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), deployment, ns, cancellationToken: cancellationToken);

    private async Task RunAsync(string ns, IReadOnlyList<string> args, Func<Task> fallback, CancellationToken cancellationToken)
    {
        var shown = string.Join(' ', args.Select(a => a.Contains(' ', StringComparison.Ordinal) || a.Contains('{', StringComparison.Ordinal) ? $"'{a}'" : a));
        if (binary is null)
        {
            output.Line($"$ kubectl -n {ns} {shown}    (without kubectl: sent as the same patch through the KubernetesClient)");
            await fallback();
            return;
        }

        output.Line($"$ kubectl -n {ns} {shown}");
        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in (string[])["--kubeconfig", kubeconfig, "--cache-dir", cacheDirectory, "-n", ns, .. args])
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{binary} did not start");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        var text = ((await stdout) + (await stderr)).TrimEnd();
        if (text.Length > 0)
        {
            output.Line("  " + text.Replace("\n", "\n  ", StringComparison.Ordinal));
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"kubectl {args[0]} failed with exit code {process.ExitCode}: {text}");
        }
    }
}
