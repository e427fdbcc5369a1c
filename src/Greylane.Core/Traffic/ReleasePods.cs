namespace Greylane.Core.Traffic;

/// <summary>What host mode needs besides the objects: the hashes that tell stable and canary pods apart, and the canary Service's owner.</summary>
/// <param name="Release">The <see cref="GreylaneKeys.Release"/> label value of the canary pods.</param>
/// <param name="StablePodTemplateHash">The <c>pod-template-hash</c> of the stable ReplicaSet.</param>
/// <param name="Owner">The owner of the canary Service (the Deployment), so deleting the Deployment removes it.</param>
public sealed record ReleasePods(string Release, string StablePodTemplateHash, Owner? Owner = null);
