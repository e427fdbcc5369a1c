using Greylane.Core.Strategy;
using k8s.Models;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// One release as the router needs it: the Deployment as read (its template is the release's; for a deleted
/// Deployment, its last known state), the strategy in force, and the release and stable template hashes.
/// </summary>
public sealed record RoutedRelease(V1Deployment Deployment, RolloutStrategy Strategy, string Release, string? Stable);
