using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// The cached objects of one kind, indexed the way the controllers look them up: by name, by controller uid,
/// and (per namespace) those without a controller, the only ones open to adoption.
/// </summary>
internal sealed class KindIndex
{
    private readonly Dictionary<(string Ns, string Name), JsonObject> byName = [];
    private readonly Dictionary<string, HashSet<(string Ns, string Name)>> byController = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> orphans = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> byNamespace = new(StringComparer.Ordinal);

    public JsonObject? Get(string ns, string name) => byName.GetValueOrDefault((ns, name));

    public void Put(JsonObject obj)
    {
        var key = (Meta.Namespace(obj), Meta.Name(obj));
        Remove(key.Item1, key.Item2);
        byName[key] = obj;
        Bucket(byNamespace, key.Item1).Add(key.Item2);
        if (OwnerRefs.ControllerUid(obj) is { } uid)
        {
            Bucket(byController, uid).Add(key);
        }
        else
        {
            Bucket(orphans, key.Item1).Add(key.Item2);
        }
    }

    public void Remove(string ns, string name)
    {
        if (!byName.Remove((ns, name), out var old))
        {
            return;
        }

        byNamespace.GetValueOrDefault(ns)?.Remove(name);
        if (OwnerRefs.ControllerUid(old) is { } uid)
        {
            byController.GetValueOrDefault(uid)?.Remove((ns, name));
        }
        else
        {
            orphans.GetValueOrDefault(ns)?.Remove(name);
        }
    }

    public List<JsonObject> ControlledBy(string uid) =>
        [.. (byController.GetValueOrDefault(uid) ?? []).Select(k => byName[k])];

    public List<JsonObject> Orphans(string ns) => [.. (orphans.GetValueOrDefault(ns) ?? []).Select(n => byName[(ns, n)])];

    public List<JsonObject> InNamespace(string ns) => [.. (byNamespace.GetValueOrDefault(ns) ?? []).Select(n => byName[(ns, n)])];

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
