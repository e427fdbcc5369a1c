using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>The live routing objects of one release, as the controller read them.</summary>
/// <param name="VirtualServices">Every VirtualService that routes to the Service (named in the strategy or found by host).</param>
/// <param name="DestinationRule">The Service's DestinationRule (needed in subset mode).</param>
/// <param name="Service">The stable Service (needed in host mode).</param>
public sealed record TrafficObjects(IReadOnlyList<JsonObject> VirtualServices, JsonObject? DestinationRule, JsonObject? Service);

/// <summary>What host mode needs besides the objects: the hashes that tell stable and canary pods apart, and the canary Service's owner.</summary>
/// <param name="Release">The <see cref="GreylaneKeys.Release"/> label value of the canary pods.</param>
/// <param name="StablePodTemplateHash">The <c>pod-template-hash</c> of the stable ReplicaSet.</param>
/// <param name="Owner">The owner of the canary Service (the Deployment), so deleting the Deployment removes it.</param>
public sealed record ReleasePods(string Release, string StablePodTemplateHash, Owner? Owner = null);
