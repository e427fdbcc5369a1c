using System.Text.Json.Nodes;

namespace Greylane.Core.Ownership;

/// <summary>
/// The narrowest JSON merge patch (RFC 7386) that turns a live object into the wanted one: only members that differ,
/// lists whole. A merge patch is an update, so the API server gives its field manager exactly the fields it changed
/// and no others; a full replace would name every field, and a user's later apply would fight over them.
/// </summary>
public static class MergePatch
{
    // Bookkeeping the server owns or checks itself: never part of a change (the precondition is added on purpose).
    private static readonly HashSet<string> ServerMetadata = new(StringComparer.Ordinal)
    {
        "managedFields", "resourceVersion", "generation", "uid", "creationTimestamp", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds",
    };

    /// <summary>
    /// The patch from <paramref name="live"/> to <paramref name="wanted"/> (status and server bookkeeping left out), or
    /// null when nothing differs. The patch carries the live resourceVersion, so a concurrent write answers 409.
    /// </summary>
    public static JsonObject? Between(JsonObject live, JsonObject wanted)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(wanted);
        var patch = new JsonObject();
        foreach (var (key, value) in wanted)
        {
            if (key is "status" or "apiVersion" or "kind")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject meta)
            {
                if (Diff(Without(live[key] as JsonObject), Without(meta)) is { } metaPatch)
                {
                    patch[key] = metaPatch;
                }

                continue;
            }

            AddDifference(patch, key, live[key], value);
        }

        foreach (var (key, _) in live)
        {
            if (key is not ("status" or "apiVersion" or "kind" or "metadata") && !wanted.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        if (patch.Count == 0)
        {
            return null;
        }

        var metadata = patch["metadata"] as JsonObject ?? new JsonObject();
        patch["metadata"] = metadata;
        metadata["resourceVersion"] = live["metadata"]?["resourceVersion"]?.DeepClone();
        return patch;
    }

    private static JsonObject? Diff(JsonObject live, JsonObject wanted)
    {
        var patch = new JsonObject();
        foreach (var (key, value) in wanted)
        {
            AddDifference(patch, key, live[key], value);
        }

        foreach (var (key, _) in live)
        {
            if (!wanted.ContainsKey(key))
            {
                patch[key] = null;
            }
        }

        return patch.Count == 0 ? null : patch;
    }

    private static void AddDifference(JsonObject patch, string key, JsonNode? live, JsonNode? wanted)
    {
        if (JsonNode.DeepEquals(live, wanted))
        {
            return;
        }

        // A null in a merge patch deletes: a wanted null is the absence the server would store anyway.
        if (wanted is JsonObject wantedObject && live is JsonObject liveObject)
        {
            if (Diff(liveObject, wantedObject) is { } inner)
            {
                patch[key] = inner;
            }
        }
        else
        {
            patch[key] = wanted?.DeepClone();
        }
    }

    private static JsonObject Without(JsonObject? metadata)
    {
        var copy = new JsonObject();
        foreach (var (key, value) in metadata ?? [])
        {
            if (!ServerMetadata.Contains(key))
            {
                copy[key] = value?.DeepClone();
            }
        }

        return copy;
    }
}
