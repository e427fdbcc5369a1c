using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// controller.ControllerRefManager's claim rules, for Deployment → ReplicaSets and ReplicaSet → pods:
/// an object controlled by the owner is kept while its own labels match the selector and released when they
/// stop matching; an object with no controller reference (a <c>controller: false</c> reference does not count)
/// is adopted when its labels match; anything controlled by another owner is ignored.
/// </summary>
internal static class Claims
{
    public static List<JsonObject> Claim(
        ControllerContext ctx,
        ResourceType ownerType,
        JsonObject owner,
        ResourceType dependentType,
        LabelSelector selector,
        Func<JsonObject, bool>? filter = null)
    {
        filter ??= _ => true;
        var ownerUid = Meta.Uid(owner);
        var ownerDeleting = Meta.IsDeleting(owner);
        var claimed = new List<JsonObject>();
        foreach (var obj in ctx.Cache.ControlledBy(dependentType, ownerUid).Where(filter))
        {
            if (selector.Matches(Meta.Labels(obj)))
            {
                claimed.Add(obj);
            }
            else if (!ownerDeleting && !Meta.IsDeleting(obj))
            {
                ctx.Store.Update(dependentType, OwnerRefs.WithoutOwner(obj, ownerUid));
            }
        }

        if (ownerDeleting)
        {
            // A deleting owner adopts nothing (canAdopt fails once deletionTimestamp is set).
            return claimed;
        }

        foreach (var obj in ctx.Cache.Orphans(dependentType, Meta.Namespace(owner)).Where(filter))
        {
            if (!Meta.IsDeleting(obj) && selector.Matches(Meta.Labels(obj)))
            {
                claimed.Add(ctx.Store.Update(dependentType, OwnerRefs.WithControllerRef(obj, ownerType, owner)));
            }
        }

        return claimed;
    }
}
