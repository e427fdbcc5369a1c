using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Greylane.Sandbox.Apply;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// The REST side of field management: the field manager of a resource and endpoint (built-in types from the sandbox's
/// schema table, custom resources from their CRD's schema), with the endpoint's reset fields (status is owned only
/// through <c>/status</c>, the replicas of a scalable object through <c>/scale</c>) and the server's clock.
/// </summary>
internal sealed class FieldManagement(ResourceRegistry registry, TimeProvider clock)
{
    private static readonly ConditionalWeakTable<CustomResource, ApplyType> CrdTypes = [];

    public FieldManager For(ResourceType type, string? subresource)
    {
        var shape = registry.Custom(type) is { } custom
            ? CrdTypes.GetValue(custom, c => CrdShapes.For(c.Schema))
            : BuiltInShapes.For(type);
        return new FieldManager(shape, type, subresource, ResetFields(type, subresource), ObjectMeta.Timestamp(clock.GetUtcNow()));
    }

    /// <summary>Records an update's manager in <paramref name="next"/> (a create when <paramref name="live"/> is null).</summary>
    public void Update(ResourceType type, string? subresource, JsonObject? live, JsonObject next, string manager) =>
        For(type, subresource).Update(live, next, manager);

    private static Func<FieldSet, FieldSet> ResetFields(ResourceType type, string? subresource)
    {
        var replicas = FieldSet.Of([[PathElement.Field("spec"), PathElement.Field("replicas")]]);
        var status = FieldSet.Of([[PathElement.Field("status")]]);
        return subresource switch
        {
            "status" => set => set.OnlyUnder("status"),
            "scale" => set => set.Intersection(replicas),
            _ when type.Subresources.Contains("status") => set => set.RecursiveDifference(status),
            _ => set => set,
        };
    }
}
