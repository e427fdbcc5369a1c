using System.Globalization;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// The controllers' informer cache, fed synchronously by store events so it is never behind the store's
/// committed state (which is why no "expectations" bookkeeping is needed). Cached objects are shared:
/// readers must clone before changing one.
/// </summary>
internal sealed class ObjectCache(TimeProvider time)
{
    private readonly Lock _gate = new();
    private readonly KindIndex _deployments = new();
    private readonly KindIndex _replicaSets = new();
    private readonly KindIndex _pods = new();
    private readonly OwnerGraph _graph = new();
    private readonly Dictionary<string, ResourceType> _typesByKind = BuiltInResources.All.ToDictionary(t => KindKey(t.ApiVersion, t.Kind));
    private readonly Dictionary<string, DateTimeOffset> _podFirstSeen = new(StringComparer.Ordinal);
    private HashSet<string>? _deletedWhileLoading;

    /// <summary>Applies one committed change; called inside the store's write.</summary>
    public void Apply(StoreEvent e)
    {
        var obj = e.Object; // the store hands each subscriber its own copy
        var r = new ObjectRef(e.Resource, Meta.Namespace(obj), Meta.Name(obj));
        lock (_gate)
        {
            _typesByKind.TryAdd(KindKey(e.Resource.ApiVersion, e.Resource.Kind), e.Resource);
            if (e.Type == "DELETED")
            {
                _deletedWhileLoading?.Add(Meta.Uid(obj));
                Remove(r);
            }
            else
            {
                Put(r, obj);
            }
        }
    }

    /// <summary>Fills the cache from the store at start; newer event data already applied wins.</summary>
    public void Load(IObjectStore store)
    {
        lock (_gate)
        {
            _deletedWhileLoading = [];
        }

        var types = BuiltInResources.All;
        foreach (var type in types)
        {
            foreach (var obj in store.List(type, null))
            {
                var r = new ObjectRef(type, Meta.Namespace(obj), Meta.Name(obj));
                lock (_gate)
                {
                    if (!_deletedWhileLoading!.Contains(Meta.Uid(obj)) && !IsNewerCached(r, obj))
                    {
                        Put(r, obj);
                    }
                }
            }
        }

        lock (_gate)
        {
            _deletedWhileLoading = null;
        }
    }

    public JsonObject? Get(ResourceType type, string ns, string name)
    {
        lock (_gate)
        {
            return Index(type)?.Get(ns, name);
        }
    }

    public List<JsonObject> ControlledBy(ResourceType type, string uid)
    {
        lock (_gate)
        {
            return Index(type)?.ControlledBy(uid) ?? [];
        }
    }

    public List<JsonObject> Orphans(ResourceType type, string ns)
    {
        lock (_gate)
        {
            return Index(type)?.Orphans(ns) ?? [];
        }
    }

    public List<JsonObject> InNamespace(ResourceType type, string ns)
    {
        lock (_gate)
        {
            return Index(type)?.InNamespace(ns) ?? [];
        }
    }

    public List<ObjectRef> DependentsOf(string uid)
    {
        lock (_gate)
        {
            return _graph.DependentsOf(uid);
        }
    }

    public List<ObjectRef> WithOwners()
    {
        lock (_gate)
        {
            return _graph.WithOwners();
        }
    }

    /// <summary>
    /// Whether an ownerReference still points at a live object (same uid). An owner of a kind the sandbox
    /// does not know is assumed to exist: collecting on a guess would delete user objects.
    /// </summary>
    public bool OwnerExists(JsonObject ownerRef)
    {
        lock (_gate)
        {
            if (Meta.Str(ownerRef, "uid") is { } uid && _graph.Exists(uid))
            {
                return true;
            }

            return !_typesByKind.ContainsKey(KindKey(Meta.Str(ownerRef, "apiVersion") ?? "", Meta.Str(ownerRef, "kind") ?? ""));
        }
    }

    /// <summary>When this process first saw the pod: the start of its simulated container lifecycle.</summary>
    public DateTimeOffset PodFirstSeen(string uid)
    {
        lock (_gate)
        {
            if (!_podFirstSeen.TryGetValue(uid, out var seen))
            {
                seen = time.GetUtcNow();
                _podFirstSeen[uid] = seen;
            }

            return seen;
        }
    }

    private void Put(ObjectRef r, JsonObject obj)
    {
        _graph.Put(r, obj);
        Index(r.Type)?.Put(obj);
        if (ObjectRef.SameType(r.Type, BuiltInResources.Pods))
        {
            _podFirstSeen.TryAdd(Meta.Uid(obj), time.GetUtcNow());
        }
    }

    private void Remove(ObjectRef r)
    {
        if (ObjectRef.SameType(r.Type, BuiltInResources.Pods) && _pods.Get(r.Namespace, r.Name) is { } pod)
        {
            _podFirstSeen.Remove(Meta.Uid(pod));
        }

        _graph.Remove(r);
        Index(r.Type)?.Remove(r.Namespace, r.Name);
    }

    private bool IsNewerCached(ObjectRef r, JsonObject obj)
    {
        var cached = Index(r.Type)?.Get(r.Namespace, r.Name);
        return cached is not null && Version(cached) >= Version(obj);
    }

    private static long Version(JsonObject obj) =>
        long.TryParse(Meta.Str(Meta.Metadata(obj), "resourceVersion"), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : 0;

    private KindIndex? Index(ResourceType type) =>
        ObjectRef.SameType(type, BuiltInResources.Deployments) ? _deployments
        : ObjectRef.SameType(type, BuiltInResources.ReplicaSets) ? _replicaSets
        : ObjectRef.SameType(type, BuiltInResources.Pods) ? _pods
        : null;

    private static string KindKey(string apiVersion, string kind) => apiVersion + "/" + kind;
}
