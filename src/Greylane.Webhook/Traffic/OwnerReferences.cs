using System.Text.Json.Nodes;

namespace Greylane.Webhook.Traffic;

/// <summary>Owner references on objects Greylane creates and later updates.</summary>
internal static class OwnerReferences
{
    /// <summary>Adds to <paramref name="body"/> each owner reference of <paramref name="from"/> it lacks (by uid), keeping others'.</summary>
    public static void Ensure(JsonObject body, JsonObject from)
    {
        var metadata = body["metadata"] as JsonObject ?? [];
        body["metadata"] = metadata;
        var references = metadata["ownerReferences"] as JsonArray ?? [];
        metadata["ownerReferences"] = references;
        foreach (var wanted in (from["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (!Has(body, wanted["uid"]?.GetValue<string>()))
            {
                references.Add(wanted.DeepClone());
            }
        }
    }

    /// <summary>True when <paramref name="obj"/> has an owner reference with <paramref name="uid"/>.</summary>
    public static bool Has(JsonObject obj, string? uid) =>
        (obj["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>().Any(o => o["uid"]?.GetValue<string>() == uid);
}
