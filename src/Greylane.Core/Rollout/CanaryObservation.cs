namespace Greylane.Core.Rollout;

/// <summary>One canary ReplicaSet owned by the Deployment: its release label, desired and available pods.</summary>
public sealed record CanaryObservation(string Release, int Replicas, int AvailableReplicas);
