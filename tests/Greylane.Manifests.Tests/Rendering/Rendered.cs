using Greylane.Testing.Repository;

namespace Greylane.Manifests.Rendering.Tests;

/// <summary>Each kustomization rendered once per test run (kubectl is a process start each time).</summary>
internal static class Rendered
{
    private static readonly Lazy<string> BaseBuild = new(() => Kustomize.Build(RepositoryRoot.Combine("manifests", "base")));
    private static readonly Lazy<string> CertManagerBuild = new(() => Kustomize.Build(RepositoryRoot.Combine("manifests", "overlays", "cert-manager")));
    private static readonly Lazy<(string, string)> SelfSignedBuild = new(Kustomize.BuildSelfSigned);
    private static readonly Lazy<string> SeedBuild = new(() => Kustomize.Build(RepositoryRoot.Combine("manifests", "samples", "seed")));

    public static string Base => BaseBuild.Value;

    public static string CertManager => CertManagerBuild.Value;

    public static (string Yaml, string CaBundle) SelfSigned => SelfSignedBuild.Value;

    public static string Seed => SeedBuild.Value;
}
