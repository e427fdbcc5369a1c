using System.Text.Json.Nodes;
using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Pods;

/// <summary>controller.GetPodFromTemplate: a pod named like generateName would name it, from a ReplicaSet's template.</summary>
internal static class PodFactory
{
    // utilrand's alphabet for generated name suffixes.
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";

    // names.SimpleNameGenerator: the prefix is cut so prefix + 5 random characters fit 63.
    private const int MaxPrefixLength = 63 - 5;

    public static JsonObject Create(ControllerContext ctx, JsonObject rs)
    {
        var template = rs["spec"]?["template"] as JsonObject ?? [];
        var templateMeta = template["metadata"] as JsonObject ?? [];
        var prefix = Meta.Name(rs) + "-";
        if (prefix.Length > MaxPrefixLength)
        {
            prefix = prefix[..MaxPrefixLength];
        }

        for (var attempt = 0; ; attempt++)
        {
            var pod = new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Pod",
                ["metadata"] = new JsonObject
                {
                    ["name"] = prefix + RandomSuffix(),
                    ["generateName"] = prefix,
                    ["namespace"] = Meta.Namespace(rs),
                    ["labels"] = templateMeta["labels"]?.DeepClone(),
                    ["annotations"] = templateMeta["annotations"]?.DeepClone(),
                    ["finalizers"] = templateMeta["finalizers"]?.DeepClone(),
                    ["ownerReferences"] = new JsonArray(OwnerRefs.NewControllerRef(BuiltInResources.ReplicaSets, rs)),
                },
                ["spec"] = template["spec"]?.DeepClone() ?? new JsonObject(),
                ["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" },
            };

            // The sandbox has one node and binds at once, standing in for the scheduler.
            pod["spec"]!["nodeName"] ??= PodLifecycle.NodeName;
            foreach (var key in new[] { "labels", "annotations", "finalizers" })
            {
                if (pod["metadata"]![key] is null)
                {
                    pod["metadata"]!.AsObject().Remove(key);
                }
            }

            try
            {
                return ctx.Store.Create(BuiltInResources.Pods, pod);
            }
            catch (StoreException e) when (e.Reason == "AlreadyExists" && attempt < 5)
            {
                // A random suffix clashed: draw another, as generateName retries do.
            }
        }
    }

    private static string RandomSuffix() =>
        string.Create(5, 0, (span, _) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
#pragma warning disable CA5394 // Name suffixes need uniqueness, not unpredictability.
                span[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
#pragma warning restore CA5394
            }
        });
}
