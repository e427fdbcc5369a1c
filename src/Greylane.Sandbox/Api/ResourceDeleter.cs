using System.Text.Json.Nodes;
using Greylane.Sandbox.Admission;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// DELETE of one object: preconditions, admission, then the store. A namespace takes its contents with it
/// (the namespace controller's job, done at once here).
/// </summary>
internal sealed class ResourceDeleter(InMemoryObjectStore store, ResourceRegistry registry, IAdmissionChain admission)
{
    // These answer with the deleted object; every other built-in answers with a Success Status.
    private static readonly HashSet<string> ReturnsObject = ["/pods", "/services", "/namespaces"];

    public async Task<WriteResult> DeleteAsync(ResourceType type, string? ns, string name, JsonObject? options, bool dryRun, string user, CancellationToken ct)
    {
        var stored = store.Get(type, ns, name) ?? throw ApiException.From(StoreErrors.NotFound(type, name), type, name);
        CheckPreconditions(type, stored, options);
        var outcome = await admission.AdmitAsync(
            new AdmissionAttributes("DELETE", type, null, ns, name, null, stored, dryRun, user), ct);
        if (!outcome.Allowed)
        {
            throw new ApiException(outcome.Code is >= 400 and < 600 ? outcome.Code : 403, outcome.Reason ?? "Forbidden",
                outcome.Message ?? "admission webhook denied the request", ApiException.DetailsFor(type, name));
        }

        if (dryRun)
        {
            return Answer(type, stored, outcome.Warnings);
        }

        if (type.StorageKey() == BuiltInResources.Namespaces.StorageKey())
        {
            DeleteContents(name);
        }
        else if (options?["propagationPolicy"]?.GetValue<string>() == "Orphan" || options?["orphanDependents"]?.GetValue<bool>() == true)
        {
            try
            {
                return Answer(type, DeleteOrphaning(type, stored), outcome.Warnings);
            }
            catch (StoreException ex)
            {
                throw ApiException.From(ex, type, name);
            }
        }

        try
        {
            return Answer(type, store.Delete(type, ns, name), outcome.Warnings);
        }
        catch (StoreException ex)
        {
            throw ApiException.From(ex, type, name);
        }
    }

    private static void CheckPreconditions(ResourceType type, JsonObject stored, JsonObject? options)
    {
        var name = stored.Name();
        if (options?["preconditions"] is not JsonObject preconditions)
        {
            return;
        }

        if (preconditions["resourceVersion"] is JsonValue rv && rv.TryGetValue(out string? version) && version != stored.ResourceVersion())
        {
            throw new ApiException(409, "Conflict",
                $"Operation cannot be fulfilled on {type.QualifiedResource()} \"{name}\": Precondition failed: ResourceVersion in precondition: {version}, ResourceVersion in object meta: {stored.ResourceVersion()}",
                ApiException.DetailsFor(type, name));
        }

        if (preconditions["uid"] is JsonValue uid && uid.TryGetValue(out string? wanted) && wanted != stored.MetaString("uid"))
        {
            throw ApiException.From(StoreErrors.UidMismatch(type, name, wanted, stored.MetaString("uid") ?? ""), type, name);
        }
    }

    // As the real server's orphan finalizer: the owner is held and marked deleting first, so that no controller adopts
    // its dependents again between their orphaning and its removal (a deleting owner adopts nothing), then let go.
    private JsonObject DeleteOrphaning(ResourceType type, JsonObject stored)
    {
        const string Finalizer = "orphan";
        var held = stored.DeepClone().AsObject();
        var finalizers = held.Metadata()["finalizers"] as JsonArray ?? [];
        finalizers.Add(Finalizer);
        held.Metadata()["finalizers"] = finalizers;
        held.Metadata().Remove("resourceVersion");
        store.Update(type, held);
        var marked = store.Delete(type, stored.Namespace(), stored.Name());
        Orphan(marked);
        var released = store.Get(type, stored.Namespace(), stored.Name())!.DeepClone().AsObject();
        var rest = new JsonArray([.. (released.Metadata()["finalizers"] as JsonArray ?? []).Where(f => f?.GetValue<string>() != Finalizer).Select(f => f?.DeepClone())]);
        if (rest.Count == 0)
        {
            released.Metadata().Remove("finalizers");
        }
        else
        {
            released.Metadata()["finalizers"] = rest;
        }

        released.Metadata().Remove("resourceVersion");
        return store.Update(type, released);
    }

    // propagationPolicy=Orphan (kubectl delete --cascade=orphan): dependents lose their reference to the owner
    // and so survive it.
    private void Orphan(JsonObject owner)
    {
        var uid = owner.MetaString("uid");
        foreach (var type in registry.All.Where(t => owner.Namespace() is null || t.Namespaced).DistinctBy(t => t.StorageKey()))
        {
            foreach (var dependent in store.List(type, type.Namespaced ? owner.Namespace() : null))
            {
                if (dependent["metadata"]?["ownerReferences"] is not JsonArray refs || !refs.Any(r => r?["uid"]?.GetValue<string>() == uid))
                {
                    continue;
                }

                var kept = new JsonArray([.. refs.Where(r => r?["uid"]?.GetValue<string>() != uid).Select(r => r?.DeepClone())]);
                if (kept.Count == 0)
                {
                    dependent.Metadata().Remove("ownerReferences");
                }
                else
                {
                    dependent.Metadata()["ownerReferences"] = kept;
                }

                dependent.Metadata().Remove("resourceVersion");
                store.Update(type, dependent);
            }
        }
    }

    private void DeleteContents(string ns)
    {
        foreach (var type in registry.All.Where(t => t.Namespaced).DistinctBy(t => t.StorageKey()))
        {
            foreach (var obj in store.List(type, ns))
            {
                try
                {
                    store.Delete(type, ns, obj.Name());
                }
                catch (StoreException ex) when (ex.Code == 404)
                {
                    // Already gone: garbage collection got there first.
                }
            }
        }
    }

    private WriteResult Answer(ResourceType type, JsonObject deleted, IReadOnlyList<string> warnings)
    {
        var stillThere = deleted.MetaString("deletionTimestamp") is not null && deleted.HasFinalizers();
        if (stillThere || ReturnsObject.Contains(type.StorageKey()) || registry.Custom(type) is not null)
        {
            return new WriteResult(200, deleted, warnings);
        }

        var details = ApiException.DetailsFor(type, deleted.Name());
        details["uid"] = deleted.MetaString("uid");
        return new WriteResult(200, StatusBody.Success(details), warnings);
    }
}
