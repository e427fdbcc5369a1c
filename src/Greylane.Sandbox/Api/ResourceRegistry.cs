using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>The resource types the server serves: the built-ins plus one per served version of every stored CRD.</summary>
internal sealed class ResourceRegistry
{
    private readonly Lock _gate = new();
    private readonly List<ResourceType> _builtIns = [.. BuiltInResources.All];
    private readonly Dictionary<string, IReadOnlyList<CustomResource>> _byCrd = new(StringComparer.Ordinal);

    /// <summary>Every served type, built-ins first.</summary>
    public IReadOnlyList<ResourceType> All
    {
        get
        {
            lock (_gate)
            {
                return [.. _builtIns, .. _byCrd.Values.SelectMany(v => v).Select(c => c.Type)];
            }
        }
    }

    /// <summary>The type served at <c>group/version/plural</c>, or null.</summary>
    public ResourceType? Find(string group, string version, string plural) =>
        All.FirstOrDefault(t => t.Group == group && t.Version == version && t.Plural == plural);

    /// <summary>True when some version of <paramref name="group"/> serves <paramref name="version"/>.</summary>
    public bool Serves(string group, string version) => All.Any(t => t.Group == group && t.Version == version);

    /// <summary>The CRD behind a custom type (for printer columns), or null for built-ins.</summary>
    public CustomResource? Custom(ResourceType type)
    {
        lock (_gate)
        {
            // By identity, not reference: a CRD update re-creates its types while requests may hold the old ones.
            return _byCrd.Values.SelectMany(v => v).FirstOrDefault(c => c.Type.StorageKey() == type.StorageKey() && c.Type.Version == type.Version);
        }
    }

    /// <summary>Serves the versions a stored CRD declares (replacing what it declared before).</summary>
    public void Register(JsonObject crd)
    {
        var served = CustomResource.FromCrd(crd);
        lock (_gate)
        {
            _byCrd[crd.Name()] = served;
        }
    }

    /// <summary>Stops serving a deleted CRD's types.</summary>
    public IReadOnlyList<ResourceType> Unregister(string crdName)
    {
        lock (_gate)
        {
            return _byCrd.Remove(crdName, out var removed) ? [.. removed.Select(c => c.Type)] : [];
        }
    }
}
