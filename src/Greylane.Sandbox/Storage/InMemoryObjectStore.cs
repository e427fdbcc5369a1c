using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Sandbox.Storage;

/// <summary>
/// The sandbox's <see cref="IObjectStore"/>: every object in memory behind one lock, one global resourceVersion
/// counter (as etcd's revision), and a bounded change history for watch resume.
/// </summary>
public sealed partial class InMemoryObjectStore(SandboxOptions options, ILogger logger) : IObjectStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, SortedDictionary<(string Namespace, string Name), JsonObject>> _objects = [];
    private readonly WatchHistory _history = new(options.WatchHistoryLimit);
    private readonly List<Subscriber> _subscribers = [];
    private readonly Queue<(StoreChange Change, Subscriber[] Targets)> _pending = new();
    private bool _delivering;
    private long _version;

    /// <summary>A store that does not log subscriber failures.</summary>
    public InMemoryObjectStore(SandboxOptions options)
        : this(options, NullLogger.Instance)
    {
    }

    /// <inheritdoc/>
    public long CurrentVersion
    {
        get
        {
            lock (_gate)
            {
                return _version;
            }
        }
    }

    /// <inheritdoc/>
    public JsonObject? Get(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            return Bucket(type).TryGetValue(Key(type, ns, name), out var stored) ? Copy(stored) : null;
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<JsonObject> List(ResourceType type, string? ns)
    {
        lock (_gate)
        {
            return ListLocked(type, ns);
        }
    }

    /// <summary>
    /// One page of a list: the objects that <paramref name="match"/> (which must only read), in key order after
    /// <paramref name="after"/>, at most <paramref name="limit"/>, copied; with how many more match and the resourceVersion
    /// the page is consistent with. Only what is returned is copied, as kube-apiserver serves pages from its cache.
    /// </summary>
    public (IReadOnlyList<JsonObject> Items, int Remaining, long Version) Page(
        ResourceType type, string? ns, Func<JsonObject, bool> match, (string Namespace, string Name)? after, int? limit, bool countRemaining = true)
    {
        lock (_gate)
        {
            List<JsonObject> items = [];
            var remaining = 0;
            foreach (var (key, stored) in Bucket(type))
            {
                if ((ns is not null && key.Namespace != ns)
                    || (after is { } start && ObjectKeyComparer.Instance.Compare(key, start) <= 0)
                    || !match(stored))
                {
                    continue;
                }

                if (limit is { } most && items.Count >= most)
                {
                    remaining++;
                    if (!countRemaining)
                    {
                        // One more match is enough to say that a next page exists; matching the rest on every page made
                        // a paged list of n objects cost n²/limit matches.
                        break;
                    }
                }
                else
                {
                    items.Add(Copy(stored));
                }
            }

            return (items, remaining, _version);
        }
    }

    /// <inheritdoc/>
    public JsonObject Create(ResourceType type, JsonObject obj)
    {
        var created = Copy(obj);
        var meta = created.Metadata();
        var name = AssignName(type, meta);
        var ns = created.Namespace();
        if (type.Namespaced && ns is null)
        {
            throw StoreErrors.Invalid(type, name, "metadata.namespace", "Required value");
        }

        if (!type.Namespaced)
        {
            meta.Remove("namespace");
        }

        created["apiVersion"] ??= type.ApiVersion;
        created["kind"] ??= type.Kind;
        foreach (var field in new[] { "deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "uid", "creationTimestamp", "generation" })
        {
            meta.Remove(field);
        }

        lock (_gate)
        {
            var bucket = Bucket(type);
            var key = Key(type, ns, name);
            if (bucket.ContainsKey(key))
            {
                throw StoreErrors.AlreadyExists(type, name);
            }

            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = ObjectMeta.Timestamp(options.TimeProvider.GetUtcNow());
            meta["generation"] = 1L;
            var version = Stamp(created);
            bucket[key] = created;
            Commit(new StoreEvent("ADDED", type, created, version), null);
            return Copy(created);
        }
    }

    /// <inheritdoc/>
    public JsonObject Update(ResourceType type, JsonObject obj, bool statusOnly = false)
    {
        lock (_gate)
        {
            var name = obj.Name();
            var bucket = Bucket(type);
            var key = Key(type, obj.Namespace(), name);
            if (!bucket.TryGetValue(key, out var stored))
            {
                throw StoreErrors.NotFound(type, name);
            }

            CheckPreconditions(type, obj, stored);
            var next = statusOnly ? WithStatusOf(stored, obj) : WithImmutableFieldsOf(type, stored, obj);
            if (!statusOnly && ContentChanged(stored, next))
            {
                next.Metadata()["generation"] = stored.Generation() + 1;
            }

            next.Metadata()["resourceVersion"] = stored.ResourceVersion();
            if (JsonNode.DeepEquals(next, stored))
            {
                // kube-apiserver skips the write (no new resourceVersion, no event) when nothing changed.
                return Copy(stored);
            }

            var version = Stamp(next);
            if (stored.MetaString("deletionTimestamp") is not null && !next.HasFinalizers())
            {
                // The last finalizer is gone from an object being deleted: it is removed now.
                bucket.Remove(key);
                Commit(new StoreEvent("DELETED", type, next, version), stored);
                return Copy(next);
            }

            bucket[key] = next;
            Commit(new StoreEvent("MODIFIED", type, next, version), stored);
            return Copy(next);
        }
    }

    /// <inheritdoc/>
    public JsonObject Delete(ResourceType type, string? ns, string name)
    {
        lock (_gate)
        {
            var bucket = Bucket(type);
            var key = Key(type, ns, name);
            if (!bucket.TryGetValue(key, out var stored))
            {
                throw StoreErrors.NotFound(type, name);
            }

            if (stored.HasFinalizers())
            {
                if (stored.MetaString("deletionTimestamp") is not null)
                {
                    return Copy(stored);
                }

                // Finalizers hold the object: mark it (generation bumps with deletionTimestamp, as in the real registry).
                var marked = Copy(stored);
                var meta = marked.Metadata();
                meta["deletionTimestamp"] = ObjectMeta.Timestamp(options.TimeProvider.GetUtcNow());
                meta["deletionGracePeriodSeconds"] = 0L;
                meta["generation"] = stored.Generation() + 1;
                var markVersion = Stamp(marked);
                bucket[key] = marked;
                Commit(new StoreEvent("MODIFIED", type, marked, markVersion), stored);
                return Copy(marked);
            }

            bucket.Remove(key);
            var deleted = Copy(stored);
            var version = Stamp(deleted);
            Commit(new StoreEvent("DELETED", type, deleted, version), stored);
            return Copy(deleted);
        }
    }

    /// <inheritdoc/>
    public IDisposable Subscribe(Action<StoreEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new Subscriber(change => handler(change.Event), Only: null, Copies: true));
    }

    /// <summary>Like <see cref="Subscribe(Action{StoreEvent})"/>, for the changes of <paramref name="only"/> alone: the others are not even copied.</summary>
    public IDisposable Subscribe(ResourceType only, Action<StoreEvent> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Add(new Subscriber(change => handler(change.Event), only.StorageKey(), Copies: true));
    }

    private Unsubscriber Add(Subscriber subscriber)
    {
        lock (_gate)
        {
            _subscribers.Add(subscriber);
            return new Unsubscriber(this, subscriber);
        }
    }

    private List<JsonObject> ListLocked(ResourceType type, string? ns) =>
        [.. Bucket(type).Where(e => ns is null || e.Key.Namespace == ns).Select(e => Copy(e.Value))];

    private SortedDictionary<(string Namespace, string Name), JsonObject> Bucket(ResourceType type)
    {
        var storageKey = type.StorageKey();
        if (!_objects.TryGetValue(storageKey, out var bucket))
        {
            bucket = new(ObjectKeyComparer.Instance);
            _objects[storageKey] = bucket;
        }

        return bucket;
    }

    private static (string Namespace, string Name) Key(ResourceType type, string? ns, string name) =>
        (type.Namespaced ? ns ?? "" : "", name);

    private long Stamp(JsonObject obj)
    {
        var version = ++_version;
        obj.Metadata()["resourceVersion"] = version.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return version;
    }

    private static JsonObject Copy(JsonObject obj) => (JsonObject)obj.DeepClone();

    private sealed class Unsubscriber(InMemoryObjectStore store, Subscriber subscriber) : IDisposable
    {
        public void Dispose()
        {
            lock (store._gate)
            {
                store._subscribers.Remove(subscriber);
            }
        }
    }
}
