using Greylane.Core.Analysis;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Core.Release;

/// <summary>
/// Builds the shadow canary ReplicaSet of a release from its Deployment: the Deployment's template plus the canary
/// labels and <see cref="GreylaneKeys.Release"/>, owned but not controlled by the Deployment.
/// </summary>
public static class CanaryReplicaSet
{
    /// <summary>
    /// The longest name: the ReplicaSet controller names pods <c>&lt;replicaset&gt;-&lt;5 characters&gt;</c>, and a pod
    /// name is its hostname, which must fit a 63-character DNS label.
    /// </summary>
    public const int MaxNameLength = 57;

    private const string Infix = "-canary-";

    /// <summary>
    /// <c>&lt;deployment&gt;-canary-&lt;release&gt;</c>; a long Deployment name is cut and given a short hash of the
    /// whole name, so two long names that share a prefix still get different ReplicaSets.
    /// </summary>
    /// <summary>
    /// Whether a ReplicaSet carrying <c>greylane.dev/release</c> is a live canary of the Deployment with uid
    /// <paramref name="deploymentUid"/>: owned by that very Deployment (by uid, so a namesake in another life is not
    /// counted) and not being deleted. What the controller decides on and what <c>kubectl greylane status</c> shows.
    /// </summary>
    public static bool IsCanaryOf(string? deploymentUid, IEnumerable<(string? Kind, string? Uid)> owners, bool deleting) =>
        !deleting && deploymentUid is not null && owners.Any(o => o.Kind == "Deployment" && o.Uid == deploymentUid);

    public static string Name(string deployment, string release)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(release);
        var room = MaxNameLength - Infix.Length - release.Length;
        if (deployment.Length <= room)
        {
            return deployment + Infix + release;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(deployment))[..3])[..5];
        return deployment[..(room - hash.Length - 1)].TrimEnd('-', '.') + "-" + hash + Infix + release;
    }

    /// <summary>
    /// The ReplicaSet for <paramref name="release"/> with <paramref name="replicas"/> pods, from <paramref name="deployment"/>
    /// (a Deployment as JSON whose template is the release's), or why it cannot be built.
    /// </summary>
    public static CanaryBuild Build(JsonObject deployment, string release, int replicas, IReadOnlyDictionary<string, string> canaryLabels)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        ArgumentNullException.ThrowIfNull(canaryLabels);
        var metadata = deployment["metadata"] as JsonObject ?? [];
        var name = Json.String(metadata, "name") ?? "";
        var spec = deployment["spec"] as JsonObject ?? [];
        if (spec["template"] is not JsonObject template)
        {
            return CanaryBuild.Refused($"Deployment {name} has no pod template");
        }

        var podLabels = Json.StringMap(template["metadata"], "labels");
        Overlay(podLabels, canaryLabels);
        podLabels[GreylaneKeys.Release] = release;

        // Istio reports the canary's traffic under destination_canonical_revision="<release>", which the built-in
        // metrics select; stable pods keep their own revision and are selected as "not the release".
        podLabels[CanonicalNames.RevisionLabel] = release;

        // The selector keeps the Deployment's keys (so the canary is recognisably its pods), with the canary's
        // values where canary labels override them, and the release label that stable pods never carry.
        var selector = spec["selector"]?.DeepClone() as JsonObject ?? [];
        var matchLabels = Json.StringMap(selector, "matchLabels");
        foreach (var key in matchLabels.Keys.ToList())
        {
            if (canaryLabels.TryGetValue(key, out var value))
            {
                matchLabels[key] = value;
            }
        }

        matchLabels[GreylaneKeys.Release] = release;
        selector["matchLabels"] = Json.FromMap(matchLabels.OrderBy(l => l.Key, StringComparer.Ordinal));

        // Its own labels must not match the Deployment's selector, or the Deployment controller would adopt it.
        var ownLabels = new Dictionary<string, string>(canaryLabels, StringComparer.Ordinal) { [GreylaneKeys.Release] = release };
        var deploymentSelector = Json.StringMap(spec["selector"], "matchLabels");
        if (deploymentSelector.Count > 0 && deploymentSelector.All(l => ownLabels.TryGetValue(l.Key, out var v) && v == l.Value))
        {
            return CanaryBuild.Refused($"Deployment {name}: its selector would match the canary ReplicaSet's labels ({string.Join(", ", ownLabels.Select(l => $"{l.Key}={l.Value}"))}), so it would adopt it; add a label that canaryLabels do not set to spec.selector");
        }

        var podTemplate = (JsonObject)template.DeepClone();
        var podMetadata = Json.ObjectAt(podTemplate, "metadata");
        podMetadata["labels"] = Json.FromMap(podLabels.OrderBy(l => l.Key, StringComparer.Ordinal));

        var replicaSetSpec = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = selector,
            ["template"] = podTemplate,
        };
        if (Json.Integer(spec, "minReadySeconds") is { } minReady)
        {
            replicaSetSpec["minReadySeconds"] = minReady;
        }

        return new CanaryBuild(new JsonObject
        {
            ["apiVersion"] = "apps/v1",
            ["kind"] = "ReplicaSet",
            ["metadata"] = new JsonObject
            {
                ["name"] = Name(name, release),
                ["namespace"] = Json.String(metadata, "namespace"),
                ["labels"] = Json.FromMap(ownLabels.OrderBy(l => l.Key, StringComparer.Ordinal)),
                ["annotations"] = new JsonObject { [GreylaneKeys.Release] = release },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1",
                    ["kind"] = "Deployment",
                    ["name"] = name,
                    ["uid"] = Json.String(metadata, "uid"),
                    // Not a controller reference: the Deployment must never adopt, scale or delete it, while deleting
                    // the Deployment still garbage-collects it.
                    ["controller"] = false,
                    ["blockOwnerDeletion"] = false,
                }),
            },
            ["spec"] = replicaSetSpec,
        }, null);
    }

    private static void Overlay(Dictionary<string, string> labels, IReadOnlyDictionary<string, string> overrides)
    {
        foreach (var (key, value) in overrides)
        {
            labels[key] = value;
        }
    }
}
