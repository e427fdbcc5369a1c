using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Release;

namespace Greylane.Webhook.Support.Tests;

/// <summary>The AdmissionReview fixtures (made by Fixtures/make-fixtures.py) with their template-hash placeholders filled in.</summary>
internal static class Fixture
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> Hashes = new(ComputeHashes);

    public static string Directory => Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static IEnumerable<string> Names => System.IO.Directory.GetFiles(Directory, "*.json").Select(Path.GetFileNameWithoutExtension).Order()!;

    /// <summary>The hash of the template with image version <paramref name="version"/> (v1 stable, v2 and v3 releases).</summary>
    public static string Hash(string version) => Hashes.Value[version];

    public static string Text(string name)
    {
        var text = RawText(name);
        foreach (var (version, hash) in Hashes.Value)
        {
            text = text.Replace($"<hash:{version}>", hash, StringComparison.Ordinal);
        }

        return text;
    }

    public static JsonObject Review(string name) => JsonNode.Parse(Text(name))!.AsObject();

    private static string RawText(string name) => File.ReadAllText(Path.Combine(Directory, name + ".json"));

    private static Dictionary<string, string> ComputeHashes()
    {
        using var release = JsonDocument.Parse(RawText("release"));
        using var third = JsonDocument.Parse(RawText("second-change-mid-release"));
        return new()
        {
            ["v1"] = TemplateOf(release, "oldObject"),
            ["v2"] = TemplateOf(release, "object"),
            ["v3"] = TemplateOf(third, "object"),
        };
    }

    private static string TemplateOf(JsonDocument review, string which) =>
        TemplateHash.Compute(review.RootElement.GetProperty("request").GetProperty(which).GetProperty("spec").GetProperty("template"));
}
