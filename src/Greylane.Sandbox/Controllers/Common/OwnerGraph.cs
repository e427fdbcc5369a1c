using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// What the garbage collector needs of every stored object, whatever its type: which uids exist and
/// which objects name each uid as an owner (the real GC's dependency graph). Not thread-safe; <see cref="ObjectCache"/> guards it.
/// </summary>
internal sealed class OwnerGraph
{
    private readonly Dictionary<string, ObjectRef> _byUid = new(StringComparer.Ordinal);
    private readonly Dictionary<ObjectRef, (string Uid, string[] Owners)> _nodes = [];
    private readonly Dictionary<string, HashSet<ObjectRef>> _dependents = new(StringComparer.Ordinal);

    public bool Exists(string uid) => _byUid.ContainsKey(uid);

    public List<ObjectRef> DependentsOf(string uid) => [.. _dependents.GetValueOrDefault(uid) ?? []];

    public List<ObjectRef> WithOwners() => [.. _nodes.Where(n => n.Value.Owners.Length > 0).Select(n => n.Key)];

    public void Put(ObjectRef r, JsonObject obj)
    {
        Remove(r);
        var uid = Meta.Uid(obj);
        var owners = OwnerRefs.All(obj).Select(o => Meta.Str(o, "uid")).OfType<string>().ToArray();
        _nodes[r] = (uid, owners);
        _byUid[uid] = r;
        foreach (var owner in owners)
        {
            if (!_dependents.TryGetValue(owner, out var set))
            {
                set = [];
                _dependents[owner] = set;
            }

            set.Add(r);
        }
    }

    public void Remove(ObjectRef r)
    {
        if (!_nodes.Remove(r, out var node))
        {
            return;
        }

        _byUid.Remove(node.Uid);
        foreach (var owner in node.Owners)
        {
            if (_dependents.TryGetValue(owner, out var set) && set.Remove(r) && set.Count == 0)
            {
                _dependents.Remove(owner);
            }
        }
    }
}
