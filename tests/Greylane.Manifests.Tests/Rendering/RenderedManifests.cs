using System.Text.Json.Nodes;
using Greylane.Core.Serialization;

namespace Greylane.Manifests.Rendering.Tests;

/// <summary>A rendered YAML stream (kustomize build, helm template) as objects, looked up by kind and name.</summary>
internal sealed class RenderedManifests(IReadOnlyList<JsonObject> objects)
{
    public IReadOnlyList<JsonObject> Objects { get; } = objects;

    public static RenderedManifests Parse(string yaml) =>
        new([.. YamlJson.ParseAll(yaml).OfType<JsonObject>()]);

    /// <summary>The stream written back as YAML, for tests that alter a rendered stream.</summary>
    public string ToYaml() => string.Join("---\n", Objects.Select(o => YamlJson.Write(o)));

    public IEnumerable<JsonObject> OfKind(string kind) =>
        Objects.Where(o => ManifestJson.Text(o["kind"]) == kind);

    public JsonObject? Find(string kind, string name) =>
        OfKind(kind).FirstOrDefault(o => Name(o) == name);

    public JsonObject Single(string kind, string name) =>
        Find(kind, name) ?? throw new InvalidOperationException($"no {kind} {name} in the rendered stream");

    public static string Name(JsonNode o) => ManifestJson.Text(o["metadata"]?["name"]) ?? "";

    public static string? Namespace(JsonNode o) => ManifestJson.Text(o["metadata"]?["namespace"]);

    public static string Describe(JsonNode o) =>
        Namespace(o) is { } ns ? $"{o["kind"]} {ns}/{Name(o)}" : $"{o["kind"]} {Name(o)}";
}
