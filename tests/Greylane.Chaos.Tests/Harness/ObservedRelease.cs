namespace Greylane.Chaos.Harness.Tests;

/// <summary>The names of the objects one observed release lives in.</summary>
internal sealed record ObservedRelease(string Namespace, string Deployment, string VirtualService, string DestinationRule, string LeaseNamespace, string LeaseName);
