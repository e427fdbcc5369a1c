using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

/// <summary>
/// The safety rules for any rendered installation of Greylane (kustomize build, helm template): least-privilege RBAC,
/// a hardened highly available Deployment, and a webhook that fails closed only for opted-in Deployments.
/// </summary>
internal static class ManifestSafety
{
    public const string DefaultNamespace = "greylane-system";

    /// <summary>Every problem in <paramref name="renderedYaml"/>; empty when it is safe to install.</summary>
    public static IReadOnlyList<string> Check(string renderedYaml, string ownNamespace = DefaultNamespace)
    {
        var manifests = RenderedManifests.Parse(renderedYaml);
        return
        [
            .. RbacCheck.Problems(manifests, ownNamespace),
            .. WorkloadCheck.Problems(manifests),
            .. WebhookConfigurationCheck.Problems(manifests, ownNamespace),
        ];
    }
}
