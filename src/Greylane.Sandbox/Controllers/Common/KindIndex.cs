using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// The cached objects of one kind, indexed the way the controllers look them up: by name, by controller uid,
/// and (per namespace) those without a controller, the only ones open to adoption.
/// </summary>
internal sealed class KindIndex
{
    private readonly Dictionary<(string Ns, string Name), JsonObject> _byName = [];
    private readonly Dictionary<string, HashSet<(string Ns, string Name)>> _byController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _orphans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _byNamespace = new(StringComparer.Ordinal);

    public JsonObject? Get(string ns, string name) => _byName.GetValueOrDefault((ns, name));

    public void Put(JsonObject obj)
    {
        var key = (Meta.Namespace(obj), Meta.Name(obj));
        Remove(key.Item1, key.Item2);
        _byName[key] = obj;
        Bucket(_byNamespace, key.Item1).Add(key.Item2);
        if (OwnerRefs.ControllerUid(obj) is { } uid)
        {
            Bucket(_byController, uid).Add(key);
        }
        else
        {
            Bucket(_orphans, key.Item1).Add(key.Item2);
        }
    }

    public void Remove(string ns, string name)
    {
        if (!_byName.Remove((ns, name), out var old))
        {
            return;
        }

        _byNamespace.GetValueOrDefault(ns)?.Remove(name);
        if (OwnerRefs.ControllerUid(old) is { } uid)
        {
            _byController.GetValueOrDefault(uid)?.Remove((ns, name));
        }
        else
        {
            _orphans.GetValueOrDefault(ns)?.Remove(name);
        }
    }

    public List<JsonObject> ControlledBy(string uid) =>
        [.. (_byController.GetValueOrDefault(uid) ?? []).Select(k => _byName[k])];

    public List<JsonObject> Orphans(string ns) => [.. (_orphans.GetValueOrDefault(ns) ?? []).Select(n => _byName[(ns, n)])];

    public List<JsonObject> InNamespace(string ns) => [.. (_byNamespace.GetValueOrDefault(ns) ?? []).Select(n => _byName[(ns, n)])];

    private static HashSet<T> Bucket<T>(Dictionary<string, HashSet<T>> map, string key)
    {
        if (!map.TryGetValue(key, out var set))
        {
            set = [];
            map[key] = set;
        }

        return set;
    }
}
