using System.Text.Json;

namespace Greylane.Core.Admission;

/// <summary>The fields of a Deployment that admission reads, straight from the request JSON (nothing is copied).</summary>
internal sealed class DeploymentView
{
    private readonly JsonElement? annotations;
    private readonly JsonElement? labels;

    private DeploymentView(string ns, string name, JsonElement? annotations, JsonElement? labels, bool paused, int replicas, JsonElement template)
    {
        Namespace = ns;
        Name = name;
        this.annotations = annotations;
        this.labels = labels;
        Paused = paused;
        Replicas = replicas;
        Template = template;
    }

    public string Namespace { get; }

    public string Name { get; }

    public bool Paused { get; }

    /// <summary><c>spec.replicas</c>; the API server defaults an absent value to 1 before admission.</summary>
    public int Replicas { get; }

    public JsonElement Template { get; }

    public bool HasAnnotations => annotations is not null;

    public bool HasLabels => labels is not null;

    public string FullName => Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    public string? Annotation(string key) => Lookup(annotations, key);

    public string? Label(string key) => Lookup(labels, key);

    /// <summary>True when the new object carries the opt-in, read without the rest of the view (for objects that cannot be read).</summary>
    public static bool IsOptedIn(JsonElement? obj) =>
        obj is { ValueKind: JsonValueKind.Object } o
        && o.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && Lookup(metadata.TryGetProperty("annotations", out var a) ? a : null, GreylaneKeys.Enabled) == "true";

    /// <summary>The view, or null with <paramref name="problem"/> saying which field is missing or malformed.</summary>
    public static DeploymentView? Read(JsonElement obj, string? requestNamespace, out string? problem)
    {
        problem = null;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            problem = "the object is not a JSON object";
            return null;
        }

        if (!obj.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            problem = "metadata is missing";
            return null;
        }

        if (!obj.TryGetProperty("spec", out var spec) || spec.ValueKind != JsonValueKind.Object)
        {
            problem = "spec is missing";
            return null;
        }

        if (!spec.TryGetProperty("template", out var template) || template.ValueKind != JsonValueKind.Object)
        {
            problem = "spec.template is missing";
            return null;
        }

        var annotations = StringMap(metadata, "annotations", ref problem);
        var labels = StringMap(metadata, "labels", ref problem);
        var paused = spec.TryGetProperty("paused", out var p) && p.ValueKind == JsonValueKind.True;
        var replicas = 1;
        if (spec.TryGetProperty("replicas", out var r) && r.ValueKind != JsonValueKind.Null && !r.TryGetInt32(out replicas))
        {
            problem = "spec.replicas is not an integer";
        }

        if (problem is not null)
        {
            return null;
        }

        var name = Text(metadata, "name") ?? Text(metadata, "generateName") ?? "";
        var ns = Text(metadata, "namespace") ?? requestNamespace ?? "";
        return new DeploymentView(ns, name, annotations, labels, paused, replicas, template);
    }

    private static JsonElement? StringMap(JsonElement metadata, string field, ref string? problem)
    {
        if (!metadata.TryGetProperty(field, out var map) || map.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (map.ValueKind != JsonValueKind.Object)
        {
            problem ??= $"metadata.{field} is not a map";
            return null;
        }

        foreach (var entry in map.EnumerateObject())
        {
            if (entry.Value.ValueKind != JsonValueKind.String)
            {
                problem ??= $"metadata.{field}[{entry.Name}] is not a string";
            }
        }

        return map;
    }

    private static string? Lookup(JsonElement? map, string key) =>
        map is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
