using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.GarbageCollection;

/// <summary>
/// The garbage collector's attemptToDeleteItem with background propagation: an object whose owners (by uid,
/// controller or not) are all gone is deleted; one with some owners left loses only its dangling references.
/// Deleting goes through the store, so finalizers hold the object as they would on a real cluster.
/// </summary>
internal static class GarbageCollector
{
    public static void Run(ControllerContext ctx, ObjectRef r)
    {
        if (ctx.Store.Get(r.Type, NullIfEmpty(r.Namespace), r.Name) is not { } obj || Meta.IsDeleting(obj))
        {
            return;
        }

        var owners = OwnerRefs.All(obj).ToList();
        var dangling = owners.Where(o => !ctx.Cache.OwnerExists(o)).ToList();
        if (owners.Count == 0 || dangling.Count == 0)
        {
            return;
        }

        try
        {
            if (dangling.Count == owners.Count)
            {
                ctx.Store.Delete(r.Type, NullIfEmpty(r.Namespace), r.Name);
                return;
            }

            var copy = obj;
            foreach (var uid in dangling.Select(o => Meta.Str(o, "uid")).OfType<string>())
            {
                copy = OwnerRefs.WithoutOwner(copy, uid);
            }

            ctx.Store.Update(r.Type, copy);
        }
        catch (StoreException e) when (e.Code == 404)
        {
            // Deleted meanwhile: nothing left to collect.
        }
    }

    /// <summary>Whether the event's object should be looked at: it names an owner that is not there.</summary>
    public static bool HasDanglingOwner(ObjectCache cache, JsonObject obj) => OwnerRefs.All(obj).Any(o => !cache.OwnerExists(o));

    private static string? NullIfEmpty(string ns) => ns.Length == 0 ? null : ns;
}
