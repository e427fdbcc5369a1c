using Greylane.Cli.Kube;
using Greylane.Core;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Status;

/// <summary>
/// Opted-in Deployments Greylane has never seen, and what <c>status</c> says about them: where Greylane is not running,
/// "No opted-in Deployments" or a plain Idle would hide that their releases are not guarded.
/// </summary>
internal static class UnseenDeployments
{
    /// <summary>Opted in, yet neither labelled nor given a status: Greylane has never seen it.</summary>
    public static bool IsUnseen(V1Deployment deployment) =>
        Deployments.IsOptedIn(deployment)
        && deployment.Metadata.Labels?.ContainsKey(GreylaneKeys.Managed) != true
        && Deployments.Annotation(deployment, GreylaneKeys.Status) is null;

    public static async Task<IReadOnlyList<string>> ListAsync(KubeTarget target, CancellationToken ct)
    {
        var all = await target.Client.AppsV1.ListNamespacedDeploymentAsync(target.Namespace, cancellationToken: ct);
        return [.. all.Items.Where(IsUnseen).Select(d => d.Metadata.Name).Order(StringComparer.Ordinal)];
    }

    /// <summary>Says why unseen Deployments are not managed (stderr); 1 when Greylane is visibly not running, so scripts notice.</summary>
    public static async Task<int> ReportAsync(KubeTarget target, IReadOnlyList<string> unseen, CliConsole console, CancellationToken ct)
    {
        if (unseen.Count == 0)
        {
            return ExitCodes.Ok;
        }

        var presence = await GreylanePresence.ReadAsync(target.Client, DateTimeOffset.UtcNow, ct);
        var (line, problem) = UnmanagedNotice.For(unseen, target.Namespace, presence);
        await console.Error.WriteLineAsync((problem ? "error: " : "note: ") + line);
        return problem ? ExitCodes.UserError : ExitCodes.Ok;
    }
}
