using System.Text.Json.Nodes;
using Greylane.Sandbox.Apply;
using Greylane.Sandbox.Storage;
using Greylane.Sandbox.Patching.Tests;

namespace Greylane.Sandbox.Apply.Tests;

/// <summary>
/// One object and the field manager of its main resource, without HTTP: applies and updates as the API server runs
/// them, so the merge and ownership rules can be checked one by one.
/// </summary>
internal sealed class ApplyBench(ResourceType resource, ApplyType? type = null)
{
    private int _second;

    public JsonObject? Live { get; private set; }

    public static ApplyBench Deployment() => new(BuiltInResources.Deployments);

    public static ApplyBench ConfigMap() => new(BuiltInResources.ConfigMaps);

    /// <summary>Server-side apply of a YAML or JSON configuration; the object as stored.</summary>
    public JsonObject Apply(string manager, string config, bool force = false)
    {
        var parsed = Greylane.Core.Serialization.YamlJson.Parse(config) as JsonObject ?? throw new ArgumentException("config must be an object");
        Live = Store(Manager().Apply(Live, parsed, manager, force));
        return Live;
    }

    /// <summary>A PUT (or a patch's result) by <paramref name="manager"/>: <paramref name="change"/> edits a copy of the live object.</summary>
    public JsonObject Update(string manager, Action<JsonObject> change)
    {
        var next = (JsonObject)(Live?.DeepClone() ?? new JsonObject { ["apiVersion"] = resource.ApiVersion, ["kind"] = resource.Kind });
        change(next);
        Manager().Update(Live, next, manager);
        Live = Store(next);
        return Live;
    }

    public JsonObject Create(string manager, string yaml)
    {
        var next = Greylane.Core.Serialization.YamlJson.Parse(yaml) as JsonObject ?? throw new ArgumentException("yaml must be an object");
        Manager().Update(null, next, manager);
        Live = Store(next);
        return Live;
    }

    /// <summary>The managedFields entry of a manager (by name, and operation when given).</summary>
    public JsonObject Entry(string manager, string? operation = null) =>
        (Live?["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>()
            .Single(e => (string?)e["manager"] == manager && (operation is null || (string?)e["operation"] == operation));

    public IReadOnlyList<string> Managers() =>
        [.. (Live?["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>().Select(e => $"{e["manager"]}/{e["operation"]}")];

    /// <summary>Asserts a manager's fieldsV1 (compared canonically).</summary>
    public void Owns(string manager, string fieldsV1, string? operation = null) => Json.Equal(fieldsV1, Entry(manager, operation)["fieldsV1"]);

    public JsonNode? At(string dotted)
    {
        JsonNode? node = Live;
        foreach (var part in dotted.Split('.'))
            node = node is JsonArray list && int.TryParse(part, out var i) ? list[i] : node?[part];
        return node;
    }

    private FieldManager Manager() =>
        new(type ?? BuiltInShapes.For(resource), resource, null, set => set.RecursiveDifference(StatusSet()), $"2026-01-01T00:00:{_second++:00}Z");

    private FieldSet StatusSet() => resource.Subresources.Contains("status") ? FieldSet.Of([[PathElement.Field("status")]]) : new FieldSet();

    // The store gives a created object its identity; the bench does the same so "update" and "create" differ as on a server.
    private JsonObject Store(JsonObject obj)
    {
        var meta = obj.Metadata();
        meta["uid"] ??= "uid-1";
        meta["namespace"] ??= "default";
        return obj;
    }
}
