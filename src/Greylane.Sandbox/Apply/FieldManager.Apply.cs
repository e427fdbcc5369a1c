using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Apply;

/// <summary>Server-side apply through the field manager's layers.</summary>
internal sealed partial class FieldManager
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";

    /// <summary>
    /// Merges <paramref name="config"/> into <paramref name="live"/> (null: create on apply) for <paramref name="manager"/>
    /// and returns the object to write, managedFields included. Throws <see cref="ApplyConflictException"/> for fields
    /// other managers own (unless <paramref name="force"/>), <see cref="ApplyRequestException"/> for a bad configuration.
    /// </summary>
    public JsonObject Apply(JsonObject? live, JsonObject config, string manager, bool force)
    {
        CheckConfig(config);
        var liveObj = live is null ? Empty() : WithoutManagedFields(live);
        var managed = Decoded(live);
        JsonObject result;
        try
        {
            result = ApplyTracked(liveObj, config, managed, manager, force);
        }
        catch (ApplyConflictException ex) when (manager == "kubectl" && live is not null && AllowedByLastApplied(live) is { } allowed)
        {
            // Fields kubectl's client-side apply set, unchanged since, may be taken over without force.
            var left = ex.Conflicts.Where(c => !allowed.Has(c.Path)).ToList();
            if (left.Count > 0)
                throw new ApplyConflictException(left);
            managed = Decoded(live);
            result = ApplyTracked(liveObj, config, managed, manager, force: true);
        }
        catch (ApplySchemaException ex)
        {
            throw new ApplyRequestException($"failed to create typed patch object ({Describe(config)}): {ex.Message}");
        }

        if (manager == "kubectl" && live?["metadata"]?["annotations"]?[LastApplied] is JsonValue { } text && text.ToString().Length > 0)
        {
            // kubectl's apply annotation is kept in step with what kubectl now applies server-side.
            var applied = (JsonObject)config.DeepClone();
            (applied["metadata"]?["annotations"] as JsonObject)?.Remove(LastApplied);
            if (result.Metadata()["annotations"] is not JsonObject annotations)
            {
                annotations = [];
                result.Metadata()["annotations"] = annotations;
            }

            annotations[LastApplied] = GoJson.Encode(applied);
        }

        return result;
    }

    private JsonObject ApplyTracked(JsonObject live, JsonObject config, ManagedFields managed, string manager, bool force)
    {
        if (managed.IsEmpty)
        {
            // Tracking starts at the first apply: whatever the object already holds belongs to "before-first-apply".
            managed = UpdateManagers(Empty(), live, managed, BeforeFirstApply);
        }

        var id = ManagerId.Build(manager, ManagerId.Apply, ApiVersion, subresource);
        var (merged, sets) = _updater.Apply(live, config, ApiVersion, managed.Sets, id, force);
        Strip(sets, id);
        CopySets(sets, managed);
        if (merged is not null)
            managed.Times[id] = now;
        var result = merged ?? (JsonObject)live.DeepClone();
        Write(result, managed);
        return result;
    }

    private void CheckConfig(JsonObject config)
    {
        var apiVersion = config["apiVersion"] is JsonValue a && a.TryGetValue(out string? av) ? av : "";
        var kind = config["kind"] is JsonValue k && k.TryGetValue(out string? kv) ? kv : "";
        if (apiVersion != ApiVersion || kind != resource.Kind)
            throw new ApplyRequestException($"invalid object type: {GroupVersionKind(apiVersion, kind)}");
        if (config["metadata"] is JsonObject meta && meta.ContainsKey("managedFields"))
            throw new ApplyRequestException("metadata.managedFields must be nil");
    }

    private FieldSet? AllowedByLastApplied(JsonObject live)
    {
        if (live["metadata"]?["annotations"]?[LastApplied] is not JsonValue value || !value.TryGetValue(out string? text) || text.Length == 0)
            return null;
        try
        {
            if (JsonNode.Parse(text) is not JsonObject lastApplied || lastApplied["apiVersion"]?.ToString() != ApiVersion)
                return null;
            var set = FieldSetWalker.Of(type, lastApplied);
            var changed = ComparisonWalker.Compare(type, lastApplied, WithoutManagedFields(live));
            return set.Difference(changed.Modified).Difference(changed.Added).Difference(changed.Removed);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or ApplySchemaException)
        {
            return null;
        }
    }

    private string Describe(JsonObject config) =>
        $"{config.Namespace() ?? ""}/{config.Name()}; {GroupVersionKind(ApiVersion, resource.Kind)}";

    // schema.GroupVersionKind.String(): "apps/v1, Kind=Deployment", "/v1, Kind=Pod".
    private static string GroupVersionKind(string apiVersion, string kind)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        var (group, version) = slash < 0 ? ("", apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
        return $"{group}/{version}, Kind={kind}";
    }
}
