using Greylane.Manifests.Safety.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;

namespace Greylane.Manifests.Rendering.Tests;

/// <summary>manifests/chart/greylane rendered with <c>helm template</c>, as release <c>greylane</c> in greylane-system.</summary>
internal static class GreylaneChart
{
    public const string Release = "greylane";

    public static string Path => RepositoryRoot.Combine("manifests", "chart", "greylane");

    /// <summary>The rendered stream; <paramref name="options"/> are helm's own (<c>--set</c>, <c>--set-string</c>, <c>-f</c>).</summary>
    public static async Task<string> TemplateAsync(params string[] options) =>
        await HelmCommand.Offline().OkAsync(["template", Release, Path, "--namespace", ManifestSafety.DefaultNamespace, .. options]);

    /// <summary>helm template's failure text for values the chart must refuse.</summary>
    public static async Task<string> RefusalAsync(params string[] options)
    {
        var (code, _, stderr) = await HelmCommand.Offline().RunAsync(["template", Release, Path, "--namespace", ManifestSafety.DefaultNamespace, .. options]);
        Assert.True(code != 0, $"helm template accepted {string.Join(' ', options)}");
        return stderr;
    }
}
