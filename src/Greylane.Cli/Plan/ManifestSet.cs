using System.Text.Json.Nodes;
using Greylane.Core.Serialization;
using YamlDotNet.Core;

namespace Greylane.Cli.Plan;

/// <summary>Every Kubernetes object of the <c>-f</c> files and directories (several YAML documents per file allowed).</summary>
internal sealed record ManifestSet(IReadOnlyList<JsonObject> Objects, string DefaultNamespace)
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static ManifestSet Load(IReadOnlyList<string> paths, string defaultNamespace)
    {
        if (paths.Count == 0)
        {
            throw new CliException("plan needs the Deployment's manifest: kubectl greylane plan -f deployment.yaml [-f virtualservice.yaml -f destinationrule.yaml -f service.yaml]");
        }

        var objects = new List<JsonObject>();
        foreach (var file in paths.SelectMany(Files))
        {
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new CliException($"cannot read {file}: {e.Message}");
            }

            try
            {
                objects.AddRange(YamlJson.ParseAll(text).OfType<JsonObject>().SelectMany(Flatten).Where(IsObject));
            }
            catch (YamlException e)
            {
                throw new CliException($"{file} is not valid YAML at line {e.Start.Line}, column {e.Start.Column}: {e.Message.TrimEnd('.')}; fix the file");
            }
        }

        return new ManifestSet(objects, defaultNamespace);
    }

    public string NamespaceOf(JsonObject obj) => Text(obj["metadata"]?["namespace"]) ?? DefaultNamespace;

    public IEnumerable<JsonObject> OfKind(string kind) => Objects.Where(o => Text(o["kind"]) == kind);

    public JsonObject? Find(string kind, string ns, string name) =>
        OfKind(kind).FirstOrDefault(o => NamespaceOf(o) == ns && Name(o) == name);

    public static string Name(JsonObject obj) => Text(obj["metadata"]?["name"]) ?? "";

    /// <summary>A string value, or null for anything else (a manifest may hold a number where a name belongs).</summary>
    public static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    private static IEnumerable<string> Files(string path)
    {
        if (Directory.Exists(path))
        {
            return Directory.EnumerateFiles(path)
                .Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase))
                .Order(StringComparer.Ordinal);
        }

        return File.Exists(path)
            ? [path]
            : throw new CliException($"{path} (from -f) does not exist; pass a manifest file or a directory of them");
    }

    // A kubectl-style List holds its objects under items.
    private static IEnumerable<JsonObject> Flatten(JsonObject obj) =>
        Text(obj["kind"]) == "List" && obj["items"] is JsonArray items ? items.OfType<JsonObject>() : [obj];

    // Kustomization files and other non-objects in a directory are not Kubernetes objects to plan against.
    private static bool IsObject(JsonObject obj) =>
        Text(obj["kind"]) is { } kind && kind != "Kustomization" && Text(obj["metadata"]?["name"]) is not null;
}
