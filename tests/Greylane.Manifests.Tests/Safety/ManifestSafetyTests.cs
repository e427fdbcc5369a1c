using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

public sealed class ManifestSafetyTests
{
    [Fact]
    public void Base_passes_every_safety_check() =>
        Assert.Empty(ManifestSafety.Check(Rendered.Base));

    [Fact]
    public void Cert_manager_overlay_passes_every_safety_check() =>
        Assert.Empty(ManifestSafety.Check(Rendered.CertManager));

    [Fact]
    public void Self_signed_overlay_passes_every_safety_check() =>
        Assert.Empty(ManifestSafety.Check(Rendered.SelfSigned.Yaml));

    [Fact]
    public void Base_grants_exactly_the_allow_list()
    {
        var manifests = RenderedManifests.Parse(Rendered.Base);

        Assert.Equal(Grants(RbacAllowList.ClusterWide), Granted(manifests.Single("ClusterRole", "greylane")));
        Assert.Equal(Grants(RbacAllowList.OwnNamespace), Granted(manifests.Single("Role", "greylane-leader-election")));
    }

    private static List<string> Grants(IReadOnlyDictionary<(string Group, string Resource), string[]> allowed) =>
        [.. allowed.SelectMany(a => a.Value.Select(verb => $"{a.Key.Group}/{a.Key.Resource}:{verb}")).Order(StringComparer.Ordinal)];

    private static List<string> Granted(System.Text.Json.Nodes.JsonObject role) =>
        [.. role["rules"]!.AsArray()
            .SelectMany(rule =>
                from g in rule!["apiGroups"]!.AsArray()
                from r in rule["resources"]!.AsArray()
                from v in rule["verbs"]!.AsArray()
                select $"{ManifestJson.Text(g)}/{ManifestJson.Text(r)}:{ManifestJson.Text(v)}")
            .Order(StringComparer.Ordinal)];
}
