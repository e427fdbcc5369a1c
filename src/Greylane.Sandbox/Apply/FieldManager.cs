using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// kube-apiserver's default field manager for one resource and endpoint: decodes <c>metadata.managedFields</c>,
/// records an update's manager (<see cref="Update"/>) or merges an apply (<see cref="Apply"/>), and encodes the result.
/// The layers follow <c>NewDefaultFieldManager</c>: version check, last-applied interop for the <c>kubectl</c> manager,
/// tracking from the first apply, the cap of ten update managers, manager identity, timestamps, stripped metadata.
/// </summary>
internal sealed partial class FieldManager(ApplyType type, ResourceType resource, string? subresource, Func<FieldSet, FieldSet> ignore, string now)
{
    private const string CurrentOperation = "current-operation";
    private const string BeforeFirstApply = "before-first-apply";
    private const int MaxUpdateManagers = 10;

    // Fields no manager owns: identity and bookkeeping.
    private static readonly FieldSet Stripped = FieldSet.Of(
    [
        [PathElement.Field("apiVersion")], [PathElement.Field("kind")], [PathElement.Field("metadata")],
        .. new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" }
            .Select(f => (IReadOnlyList<PathElement>)[PathElement.Field("metadata"), PathElement.Field(f)]),
    ]);

    private readonly Updater _updater = new(type, ignore);

    private string ApiVersion => resource.ApiVersion;

    /// <summary>
    /// Records <paramref name="manager"/>'s changes from <paramref name="live"/> (null for a create) to
    /// <paramref name="next"/>, and writes the managedFields into <paramref name="next"/>. Like <c>UpdateNoErrors</c>, a
    /// problem keeps the live object's managedFields rather than failing the write.
    /// </summary>
    public void Update(JsonObject? live, JsonObject next, string manager)
    {
        var managed = LiveOrNew(live, next);
        var meta = next.Metadata();
        meta.Remove("managedFields");
        try
        {
            var before = live is null ? Empty() : WithoutManagedFields(live);
            if (managed.IsEmpty && live is not null)
            {
                // Objects nobody tracked yet are tracked from their first apply, not from an update.
                return;
            }

            managed = UpdateManagers(before, WithoutManagedFields(next), managed, manager);
        }
        catch (ApplySchemaException)
        {
            managed = Decoded(live);
        }

        Write(next, managed);
    }

    private ManagedFields UpdateManagers(JsonObject live, JsonObject next, ManagedFields managed, string manager)
    {
        var id = ManagerId.Build(manager, ManagerId.Update, ApiVersion, subresource);
        var sets = _updater.Update(live, next, ApiVersion, managed.Sets, CurrentOperation);
        Strip(sets, CurrentOperation);
        if (sets.Remove(CurrentOperation, out var current))
        {
            // Changes by this write join what the manager owned before, and date the entry.
            sets[id] = sets.TryGetValue(id, out var previous) ? current with { Set = current.Set.Union(previous.Set) } : current;
            managed.Times[id] = now;
        }

        CopySets(sets, managed);
        CapUpdateManagers(managed);
        return managed;
    }

    private static void Strip(Dictionary<string, ManagedSet> sets, string id)
    {
        if (!sets.TryGetValue(id, out var owned))
            return;
        var rest = owned.Set.Difference(Stripped);
        if (rest.IsEmpty)
            sets.Remove(id);
        else
            sets[id] = owned with { Set = rest };
    }

    private static void CopySets(Dictionary<string, ManagedSet> sets, ManagedFields into)
    {
        if (ReferenceEquals(sets, into.Sets))
            return;
        into.Sets.Clear();
        foreach (var (id, set) in sets)
            into.Sets[id] = set;
    }

    // The oldest update entries of one API version are merged into an "ancient-changes" entry beyond ten.
    private static void CapUpdateManagers(ManagedFields managed)
    {
        var updaters = managed.Sets.Where(s => !s.Value.Applied).Select(s => s.Key)
            .OrderBy(k => managed.Times.GetValueOrDefault(k) ?? "", StringComparer.Ordinal).ThenBy(k => k, StringComparer.Ordinal).ToList();
        var length = updaters.Count;
        var firstByVersion = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < updaters.Count && length > MaxUpdateManagers; i++)
        {
            var manager = updaters[i];
            var owned = managed.Sets[manager];
            var bucket = ManagerId.Build("ancient-changes", ManagerId.Update, owned.ApiVersion, null);
            if (!firstByVersion.TryGetValue(owned.ApiVersion, out var first))
            {
                firstByVersion[owned.ApiVersion] = manager;
                continue;
            }

            if (!managed.Sets.ContainsKey(bucket))
            {
                managed.Sets[bucket] = managed.Sets[first];
                managed.Sets.Remove(first);
            }

            managed.Sets[bucket] = owned with { Set = owned.Set.Union(managed.Sets[bucket].Set) };
            managed.Sets.Remove(manager);
            managed.Times[bucket] = managed.Times.GetValueOrDefault(manager);
            length--;
        }
    }

    // A request may set managedFields itself (kubectl does, to migrate client-side apply); [] resets them; anything
    // missing or undecodable keeps the live object's, so clients that do not know managedFields cannot drop them.
    private ManagedFields LiveOrNew(JsonObject? live, JsonObject next)
    {
        if (subresource is not null)
            return Decoded(live);
        var given = next["metadata"]?["managedFields"];
        if (given is JsonArray { Count: 0 } || (given is JsonArray { Count: 1 } one && one[0] is JsonObject { Count: 0 }))
            return new ManagedFields();
        try
        {
            var decoded = ManagedFields.Decode(given);
            return decoded.IsEmpty ? Decoded(live) : decoded;
        }
        catch (FormatException)
        {
            return Decoded(live);
        }
    }

    private static ManagedFields Decoded(JsonObject? obj)
    {
        try
        {
            return ManagedFields.Decode(obj?["metadata"]?["managedFields"]);
        }
        catch (FormatException)
        {
            return new ManagedFields();
        }
    }

    private static void Write(JsonObject obj, ManagedFields managed)
    {
        var meta = obj.Metadata();
        if (managed.IsEmpty)
            meta.Remove("managedFields");
        else
            meta["managedFields"] = managed.Encode();
    }

    private JsonObject Empty() => new() { ["apiVersion"] = ApiVersion, ["kind"] = resource.Kind };

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        (copy["metadata"] as JsonObject)?.Remove("managedFields");
        return copy;
    }
}
