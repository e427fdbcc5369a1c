namespace Greylane.Core.Traffic;

/// <summary>
/// Whose release saved an origin annotation, kept in it beside the spec so that a leftover can be restored even when
/// that Deployment is gone: its name (the prefix of its routes), its Service, its canary subset and that subset's labels,
/// and its canary Service when the strategy named one (Gateway API).
/// </summary>
public sealed record OriginOwner(string Deployment, string Service, string CanarySubset, IReadOnlyDictionary<string, string> SubsetLabels, string? CanaryService = null);
