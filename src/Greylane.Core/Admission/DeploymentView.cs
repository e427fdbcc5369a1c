using System.Text.Json;

namespace Greylane.Core.Admission;

/// <summary>The fields of a Deployment that admission reads, straight from the request JSON (nothing is copied).</summary>
internal sealed class DeploymentView
{
    private readonly JsonElement? _annotations;
    private readonly JsonElement? _labels;

    // A decision asks for the same few annotations several times (the strategy text, unescaped anew on each read,
    // three or four times per release review): each is read from the JSON once.
    private readonly (string Key, string? Value)[] _read = new (string, string?)[8];
    private int _readCount;
    private string? _fullName;

    private DeploymentView(string ns, string name, JsonElement? annotations, JsonElement? labels, bool paused, int replicas, JsonElement template)
    {
        Namespace = ns;
        Name = name;
        _annotations = annotations;
        _labels = labels;
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

    public bool HasAnnotations => _annotations is not null;

    public bool HasLabels => _labels is not null;

    public string FullName => _fullName ??= Namespace.Length == 0 ? Name : $"{Namespace}/{Name}";

    public string? Annotation(string key)
    {
        for (var i = 0; i < _readCount; i++)
        {
            if (string.Equals(_read[i].Key, key, StringComparison.Ordinal))
            {
                return _read[i].Value;
            }
        }

        var value = Lookup(_annotations, key);
        if (_readCount < _read.Length)
        {
            _read[_readCount++] = (key, value);
        }

        return value;
    }

    public string? Label(string key) => Lookup(_labels, key);

    /// <summary>True when the new object carries the opt-in, read without the rest of the view (for objects that cannot be read).</summary>
    public static bool IsOptedIn(JsonElement? obj) =>
        obj is { ValueKind: JsonValueKind.Object } o
        && o.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
        && OptIn.IsEnabled(Lookup(metadata.TryGetProperty("annotations", out var a) ? a : null, GreylaneKeys.Enabled));

    /// <summary>
    /// The view of <paramref name="obj"/> (found at <paramref name="where"/>, e.g. <c>request.object</c>), or null with
    /// <paramref name="problem"/> naming the field that is missing or of the wrong type, and the type expected.
    /// </summary>
    public static DeploymentView? Read(JsonElement obj, string where, string? requestNamespace, out string? problem)
    {
        if (obj.ValueKind != JsonValueKind.Object)
        {
            problem = $"{where} is {JsonFields.Describe(obj)}; expected a Deployment object";
            return null;
        }

        var fields = new JsonFields(where);
        var metadata = fields.Object(obj, "metadata", required: true);
        var spec = fields.Object(obj, "spec", required: true);
        var template = spec is { } s ? fields.Object(s, "spec.template", required: true) : null;
        JsonElement? annotations = null, labels = null;
        string? name = null, generateName = null, ns = null;
        if (metadata is { } m)
        {
            annotations = fields.StringMap(m, "metadata.annotations");
            labels = fields.StringMap(m, "metadata.labels");
            name = fields.Text(m, "metadata.name");
            generateName = fields.Text(m, "metadata.generateName");
            ns = fields.Text(m, "metadata.namespace");
        }

        // The API server defaults an absent spec.replicas to 1 before admission.
        var replicas = spec is { } r ? fields.Int32(r, "spec.replicas") ?? 1 : 1;
        var paused = spec is { } p && fields.Flag(p, "spec.paused");
        problem = fields.Problem;
        return problem is null
            ? new DeploymentView(ns ?? requestNamespace ?? "", name ?? generateName ?? "", annotations, labels, paused, replicas, template!.Value)
            : null;
    }

    private static string? Lookup(JsonElement? map, string key) =>
        map is { ValueKind: JsonValueKind.Object } m && m.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
