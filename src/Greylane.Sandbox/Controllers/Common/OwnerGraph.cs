using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// What the garbage collector needs of every stored object, whatever its type: which uids exist and
/// which objects name each uid as an owner (the real GC's dependency graph). Not thread-safe; <see cref="ObjectCache"/> guards it.
/// </summary>
internal sealed class OwnerGraph
{
    private readonly Dictionary<string, ObjectRef> byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectRef, (string Uid, string[] Owners)> nodes = [];
    private readonly Dictionary<string, HashSet<ObjectRef>> dependents = new(StringComparer.Ordinal);

    public bool Exists(string uid) => byUid.ContainsKey(uid);

    public List<ObjectRef> DependentsOf(string uid) => [.. dependents.GetValueOrDefault(uid) ?? []];

    public List<ObjectRef> WithOwners() => [.. nodes.Where(n => n.Value.Owners.Length > 0).Select(n => n.Key)];

    public void Put(ObjectRef r, JsonObject obj)
    {
        Remove(r);
        var uid = Meta.Uid(obj);
        var owners = OwnerRefs.All(obj).Select(o => Meta.Str(o, "uid")).OfType<string>().ToArray();
        nodes[r] = (uid, owners);
        byUid[uid] = r;
        foreach (var owner in owners)
        {
            if (!dependents.TryGetValue(owner, out var set))
            {
                set = [];
                dependents[owner] = set;
            }

            set.Add(r);
        }
    }

    public void Remove(ObjectRef r)
    {
        if (!nodes.Remove(r, out var node))
        {
            return;
        }

        byUid.Remove(node.Uid);
        foreach (var owner in node.Owners)
        {
            if (dependents.TryGetValue(owner, out var set) && set.Remove(r) && set.Count == 0)
            {
                dependents.Remove(owner);
            }
        }
    }
}
