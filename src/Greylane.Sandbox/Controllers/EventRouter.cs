using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Controllers.GarbageCollection;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers;

/// <summary>
/// Which reconciles a committed change calls for, as the real controllers' event handlers decide: an object's
/// own controller, the would-be adopters of an orphan, and the garbage collector for dependents of a deleted uid.
/// </summary>
internal static class EventRouter
{
    // Cached objects are replaced, never changed, on every update, so a parse per object instance stays valid;
    // this keeps an orphan's event from re-parsing the selector of every Deployment in a large namespace.
    private static readonly ConditionalWeakTable<JsonObject, LabelSelector> Selectors = [];

    public static void Route(StoreEvent e, ObjectCache cache, Action<WorkKey> add)
    {
        var obj = e.Object;
        var ns = Meta.Namespace(obj);
        var here = new ObjectRef(e.Resource, ns, Meta.Name(obj));
        if (ObjectRef.SameType(e.Resource, BuiltInResources.Deployments))
        {
            add(new WorkKey(WorkKind.Deployment, here));
        }
        else if (ObjectRef.SameType(e.Resource, BuiltInResources.ReplicaSets))
        {
            add(new WorkKey(WorkKind.ReplicaSet, here));
            RouteToController(obj, cache, BuiltInResources.Deployments, WorkKind.Deployment, add);
        }
        else if (ObjectRef.SameType(e.Resource, BuiltInResources.Pods))
        {
            if (e.Type != "DELETED")
            {
                add(new WorkKey(WorkKind.Pod, here));
            }

            RouteToController(obj, cache, BuiltInResources.ReplicaSets, WorkKind.ReplicaSet, add);
        }

        if (e.Type == "DELETED")
        {
            foreach (var dependent in cache.DependentsOf(Meta.Uid(obj)))
            {
                add(new WorkKey(WorkKind.Collect, dependent));
            }
        }
        else if (GarbageCollector.HasDanglingOwner(cache, obj))
        {
            add(new WorkKey(WorkKind.Collect, here));
        }
    }

    /// <summary>An object's controller is told of it; an orphan is offered to every owner of that kind whose selector matches it.</summary>
    private static void RouteToController(JsonObject obj, ObjectCache cache, ResourceType ownerType, WorkKind kind, Action<WorkKey> add)
    {
        var ns = Meta.Namespace(obj);
        if (OwnerRefs.ControllerOf(obj) is { } controller)
        {
            if (Meta.Str(controller, "kind") == ownerType.Kind && Meta.Str(controller, "name") is { } name)
            {
                add(new WorkKey(kind, new ObjectRef(ownerType, ns, name)));
            }

            return;
        }

        var labels = Meta.Labels(obj);
        foreach (var owner in cache.InNamespace(ownerType, ns))
        {
            var selector = Selectors.GetValue(owner, Selector);
            if (!selector.IsEmpty && selector.Matches(labels))
            {
                add(new WorkKey(kind, new ObjectRef(ownerType, ns, Meta.Name(owner))));
            }
        }
    }

    private static LabelSelector Selector(JsonObject owner) =>
        SelectorParsing.TryParse(owner["spec"]?["selector"] as JsonObject) ?? LabelSelector.Everything;
}
