using System.Net;
using Greylane.Core;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Cli.Kube;

/// <summary>Reads Deployments with the errors a user can act on.</summary>
internal static class Deployments
{
    public static async Task<V1Deployment> ReadAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        try
        {
            return await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns, cancellationToken: ct);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            throw new CliException($"Deployment {ns}/{name} not found; check the name and the namespace (kubectl get deployments -n {ns}), or pass -n");
        }
    }

    public static string? Annotation(V1Deployment deployment, string key) =>
        deployment.Metadata.Annotations is { } annotations && annotations.TryGetValue(key, out var value) ? value : null;

    public static bool IsOptedIn(V1Deployment deployment) => OptIn.IsEnabled(Annotation(deployment, GreylaneKeys.Enabled));

    public static void RequireOptedIn(V1Deployment deployment)
    {
        if (!IsOptedIn(deployment))
        {
            var name = deployment.Metadata.Name;
            var ns = deployment.Metadata.NamespaceProperty;
            throw new CliException(
                $"Deployment {ns}/{name} is not opted in to Greylane (annotation {GreylaneKeys.Enabled} is not \"true\"); "
                + $"opt it in with: kubectl annotate deployment {name} -n {ns} {GreylaneKeys.Enabled}=true");
        }
    }
}
