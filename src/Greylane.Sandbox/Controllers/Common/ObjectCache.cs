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
    private readonly Lock gate = new();
    private readonly KindIndex deployments = new();
    private readonly KindIndex replicaSets = new();
    private readonly KindIndex pods = new();
    private readonly OwnerGraph graph = new();
    private readonly Dictionary<string, ResourceType> typesByKind = BuiltInResources.All.ToDictionary(t => KindKey(t.ApiVersion, t.Kind));
    private readonly Dictionary<string, DateTimeOffset> podFirstSeen = new(StringComparer.Ordinal);
    private HashSet<string>? deletedWhileLoading;

    /// <summary>Applies one committed change; called inside the store's write.</summary>
    public void Apply(StoreEvent e)
    {
        var obj = e.Object; // the store hands each subscriber its own copy
        var r = new ObjectRef(e.Resource, Meta.Namespace(obj), Meta.Name(obj));
        lock (gate)
        {
            typesByKind.TryAdd(KindKey(e.Resource.ApiVersion, e.Resource.Kind), e.Resource);
            if (e.Type == "DELETED")
            {
                deletedWhileLoading?.Add(Meta.Uid(obj));
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
        lock (gate)
        {
            deletedWhileLoading = [];
        }

        var types = BuiltInResources.All;
        foreach (var type in types)
        {
            foreach (var obj in store.List(type, null))
            {
                var r = new ObjectRef(type, Meta.Namespace(obj), Meta.Name(obj));
                lock (gate)
                {
                    if (!deletedWhileLoading!.Contains(Meta.Uid(obj)) && !IsNewerCached(r, obj))
                    {
                        Put(r, obj);
                    }
                }
            }
        }

        lock (gate)
        {
            deletedWhileLoading = null;
        }
    }

    public JsonObject? Get(ResourceType type, string ns, string name)
    {
        lock (gate)
        {
            return Index(type)?.Get(ns, name);
        }
    }

    public List<JsonObject> ControlledBy(ResourceType type, string uid)
    {
        lock (gate)
        {
            return Index(type)?.ControlledBy(uid) ?? [];
        }
    }

    public List<JsonObject> Orphans(ResourceType type, string ns)
    {
        lock (gate)
        {
            return Index(type)?.Orphans(ns) ?? [];
        }
    }

    public List<JsonObject> InNamespace(ResourceType type, string ns)
    {
        lock (gate)
        {
            return Index(type)?.InNamespace(ns) ?? [];
        }
    }

    public List<ObjectRef> DependentsOf(string uid)
    {
        lock (gate)
        {
            return graph.DependentsOf(uid);
        }
    }

    public List<ObjectRef> WithOwners()
    {
        lock (gate)
        {
            return graph.WithOwners();
        }
    }

    /// <summary>
    /// Whether an ownerReference still points at a live object (same uid). An owner of a kind the sandbox
    /// does not know is assumed to exist: collecting on a guess would delete user objects.
    /// </summary>
    public bool OwnerExists(JsonObject ownerRef)
    {
        lock (gate)
        {
            if (Meta.Str(ownerRef, "uid") is { } uid && graph.Exists(uid))
            {
                return true;
            }

            return !typesByKind.ContainsKey(KindKey(Meta.Str(ownerRef, "apiVersion") ?? "", Meta.Str(ownerRef, "kind") ?? ""));
        }
    }

    /// <summary>When this process first saw the pod: the start of its simulated container lifecycle.</summary>
    public DateTimeOffset PodFirstSeen(string uid)
    {
        lock (gate)
        {
            if (!podFirstSeen.TryGetValue(uid, out var seen))
            {
                seen = time.GetUtcNow();
                podFirstSeen[uid] = seen;
            }

            return seen;
        }
    }

    private void Put(ObjectRef r, JsonObject obj)
    {
        graph.Put(r, obj);
        Index(r.Type)?.Put(obj);
        if (ObjectRef.SameType(r.Type, BuiltInResources.Pods))
        {
            podFirstSeen.TryAdd(Meta.Uid(obj), time.GetUtcNow());
        }
    }

    private void Remove(ObjectRef r)
    {
        if (ObjectRef.SameType(r.Type, BuiltInResources.Pods) && pods.Get(r.Namespace, r.Name) is { } pod)
        {
            podFirstSeen.Remove(Meta.Uid(pod));
        }

        graph.Remove(r);
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
        ObjectRef.SameType(type, BuiltInResources.Deployments) ? deployments
        : ObjectRef.SameType(type, BuiltInResources.ReplicaSets) ? replicaSets
        : ObjectRef.SameType(type, BuiltInResources.Pods) ? pods
        : null;

    private static string KindKey(string apiVersion, string kind) => apiVersion + "/" + kind;
}
