using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>merge.Updater</c> for one API version: <see cref="Update"/> records who changed what in
/// a write that was already merged; <see cref="Apply"/> merges an applied configuration, takes ownership of what it
/// sets, detects conflicts with other managers, and removes what the applier stopped sending unless someone else
/// owns it. <c>ignore</c> drops fields no manager may own through this endpoint (a subresource's reset fields).
/// </summary>
internal sealed class Updater(ApplyType type, Func<FieldSet, FieldSet> ignore)
{
    public Dictionary<string, ManagedSet> Update(JsonObject live, JsonObject next, string apiVersion, Dictionary<string, ManagedSet> managers, string manager)
    {
        var compare = ComparisonWalker.Compare(type, live, next).Filter(ignore);
        TakeFromOthers(compare, managers, manager, force: true);
        var previous = managers.TryGetValue(manager, out var own) ? own.Set : new FieldSet();
        var set = ignore(previous.Difference(compare.Removed).Union(compare.Modified).Union(compare.Added));
        managers[manager] = new ManagedSet(set, apiVersion, Applied: false);
        DropEmpty(managers);
        return managers;
    }

    /// <summary>The merged object (null when it equals the live one) and the new ownership.</summary>
    public (JsonObject? Object, Dictionary<string, ManagedSet> Managers) Apply(
        JsonObject live, JsonObject config, string apiVersion, Dictionary<string, ManagedSet> managers, string manager, bool force)
    {
        var merged = MergeWalker.Merge(type, live, config);
        managers.TryGetValue(manager, out var last);
        managers[manager] = new ManagedSet(ignore(FieldSetWalker.Of(type, config)), apiVersion, Applied: true);
        merged = Prune(merged, managers, manager, last);
        var compare = ComparisonWalker.Compare(type, live, merged).Filter(ignore);
        TakeFromOthers(compare, managers, manager, force);
        DropEmpty(managers);
        return (GoJson.Equal(live, merged) ? null : merged, managers);
    }

    private static void TakeFromOthers(Comparison compare, Dictionary<string, ManagedSet> managers, string manager, bool force)
    {
        var conflicts = new Dictionary<string, FieldSet>(StringComparer.Ordinal);
        var changed = compare.Modified.Union(compare.Added);
        foreach (var (other, owned) in managers)
        {
            if (other == manager)
                continue;
            var taken = owned.Set.Intersection(changed);
            if (!taken.IsEmpty)
                conflicts[other] = taken;
        }

        if (!force && conflicts.Count > 0)
        {
            throw new ApplyConflictException([.. conflicts.OrderBy(c => c.Key, StringComparer.Ordinal)
                .SelectMany(c => c.Value.Paths().Select(p => new ApplyConflict(c.Key, p)))]);
        }

        foreach (var other in managers.Keys.Where(k => k != manager).ToList())
        {
            var owned = managers[other];
            var set = owned.Set;
            if (conflicts.TryGetValue(other, out var taken))
                set = set.Difference(taken);
            managers[other] = owned with { Set = set.Difference(compare.Removed) };
        }
    }

    private static void DropEmpty(Dictionary<string, ManagedSet> managers)
    {
        foreach (var key in managers.Where(m => m.Value.Set.IsEmpty).Select(m => m.Key).ToList())
            managers.Remove(key);
    }

    // A field leaves when the applier applied it last time, does not apply it now, and no other manager owns it.
    private JsonObject Prune(JsonObject merged, Dictionary<string, ManagedSet> managers, string manager, ManagedSet? last)
    {
        if (last is null || last.Set.IsEmpty)
            return merged;
        var lastSet = NamedFields.Ensure(last.Set, type);
        var pruned = ItemRemover.Remove(type, merged, lastSet);

        // Add back what any manager (the applier's new configuration included) owns.
        var managed = managers.Values.Aggregate(new FieldSet(), (all, m) => all.Union(m.Set));
        var mergedSet = NamedFields.Ensure(FieldSetWalker.Of(type, merged), type);
        var prunedSet = NamedFields.Ensure(FieldSetWalker.Of(type, pruned), type);
        pruned = ItemRemover.Remove(type, merged, mergedSet.Difference(prunedSet.Union(NamedFields.Ensure(managed, type))));

        // Add back what was removed but was not the applier's to remove (unowned, or owned by updaters only).
        prunedSet = NamedFields.Ensure(FieldSetWalker.Of(type, pruned), type);
        return ItemRemover.Remove(type, merged, mergedSet.Difference(prunedSet).Intersection(lastSet));
    }
}
