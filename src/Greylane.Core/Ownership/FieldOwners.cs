using System.Text.Json.Nodes;

namespace Greylane.Core.Ownership;

/// <summary>
/// Greylane's field manager and what it may hold in <c>metadata.managedFields</c>. A routing write (a route, a restore)
/// is an update, so the API server records Greylane as the owner of every field it changed; the object is then handed
/// back with no Greylane entry, or a user's server-side apply that changes those fields would conflict with Greylane.
/// </summary>
public static class FieldOwners
{
    /// <summary>The field manager of every write the controller makes (the <c>fieldManager</c> query parameter).</summary>
    public const string Greylane = "greylane";

    /// <summary>Whether <paramref name="manager"/> has an entry in the object's managedFields.</summary>
    public static bool Owns(JsonObject obj, string manager = Greylane) =>
        Entries(obj).Any(e => IsManager(e, manager));

    /// <summary>
    /// A merge patch that drops <paramref name="manager"/>'s entries from the object's managedFields and changes
    /// nothing else (so the server attributes no field to the patch itself), with the live resourceVersion as its
    /// precondition; null when the manager owns nothing. An empty list is the API's way to clear managedFields.
    /// </summary>
    public static JsonObject? ReleasePatch(JsonObject obj, string manager = Greylane)
    {
        ArgumentNullException.ThrowIfNull(obj);
        if (!Owns(obj, manager))
        {
            return null;
        }

        var kept = new JsonArray([.. Entries(obj).Where(e => !IsManager(e, manager)).Select(e => e.DeepClone())]);
        return new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = obj["metadata"]?["resourceVersion"]?.DeepClone(),
                ["managedFields"] = kept,
            },
        };
    }

    private static IEnumerable<JsonObject> Entries(JsonObject obj) =>
        (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>();

    private static bool IsManager(JsonObject entry, string manager) =>
        entry["manager"] is JsonValue value && value.TryGetValue<string>(out var name) && name == manager;
}
