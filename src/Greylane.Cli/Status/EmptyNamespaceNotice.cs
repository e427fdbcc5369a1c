using Greylane.Cli.Kube;

namespace Greylane.Cli.Status;

/// <summary>
/// What <c>status</c> adds (stderr) to "No opted-in Deployments" when Greylane itself is visibly not running: an empty
/// list would otherwise read as "all is well, nothing to do" to someone who has not installed or started it yet.
/// </summary>
internal static class EmptyNamespaceNotice
{
    public static string? For(GreylanePresence presence) =>
        presence.Webhook.Seen == false && presence.Controller.Seen == false
            ? $"note: Greylane is not running in this cluster either ({presence.Controller.Detail} and {presence.Webhook.Detail}). "
                + "Install it (README, \"Installing on a real cluster\"), or try it locally: make sandbox starts a cluster with Greylane "
                + "running in it; then source .sandbox/env and kubectl apply -k manifests/samples/seed"
            : null;

    public static async Task ReportAsync(KubeTarget target, CliConsole console, CancellationToken ct)
    {
        if (For(await GreylanePresence.ReadAsync(target.Client, DateTimeOffset.UtcNow, ct)) is { } line)
        {
            await console.Error.WriteLineAsync(line);
        }
    }
}
