using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// What apiextensions-apiserver does with a CRD: serves its types as soon as it is stored (marking it Established
/// and NamesAccepted), and on deletion stops serving them and deletes every custom object of the type.
/// </summary>
internal sealed class CrdLifecycle(InMemoryObjectStore store, ResourceRegistry registry) : IDisposable
{
    private IDisposable? _subscription;

    public void Start() => _subscription = store.Subscribe(BuiltInResources.CustomResourceDefinitions, OnChange);

    public void Dispose() => _subscription?.Dispose();

    private void OnChange(StoreEvent change)
    {
        var crd = change.Object;
        if (change.Type == "DELETED")
        {
            foreach (var type in registry.Unregister(crd.Name()).DistinctBy(t => t.StorageKey()))
            {
                foreach (var obj in store.List(type, null))
                {
                    store.Delete(type, obj.Namespace(), obj.Name());
                }
            }

            return;
        }

        registry.Register(crd);
        if (!IsEstablished(crd))
        {
            store.Update(BuiltInResources.CustomResourceDefinitions, Established(crd), statusOnly: true);
        }
    }

    private static bool IsEstablished(JsonObject crd) =>
        (crd["status"]?["conditions"] as JsonArray ?? []).Any(c => c?["type"]?.GetValue<string>() == "Established")
        && JsonNode.DeepEquals(crd["status"]?["acceptedNames"], crd["spec"]?["names"]);

    private static JsonObject Established(JsonObject crd)
    {
        var now = crd.MetaString("creationTimestamp");
        JsonObject Condition(string type, string reason, string message) => new()
        {
            ["type"] = type,
            ["status"] = "True",
            ["lastTransitionTime"] = now,
            ["reason"] = reason,
            ["message"] = message,
        };

        var next = (JsonObject)crd.DeepClone();
        next["status"] = new JsonObject
        {
            ["acceptedNames"] = crd["spec"]?["names"]?.DeepClone(),
            ["conditions"] = new JsonArray(
                Condition("NamesAccepted", "NoConflicts", "no conflicts found"),
                Condition("Established", "InitialNamesAccepted", "the initial names have been accepted")),
            ["storedVersions"] = new JsonArray([.. (crd["spec"]?["versions"] as JsonArray ?? [])
                .Where(v => v?["storage"] is JsonValue s && s.TryGetValue(out bool storage) && storage)
                .Select(v => (JsonNode?)v?["name"]?.DeepClone())]),
        };
        return next;
    }
}
