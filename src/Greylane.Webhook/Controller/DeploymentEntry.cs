using System.Text.Json.Nodes;
using Greylane.Core.Rollout;

namespace Greylane.Webhook.Controller;

/// <summary>
/// What the Deployment informer keeps of one opted-in Deployment. A quiet one (the common case: no release, no command,
/// status at rest) is only its name, resourceVersion and phase, a few hundred bytes; any other keeps its object without
/// what the controller never reads (<see cref="DeploymentCache.Lean"/>), for the cleanup of a Deployment deleted mid-release.
/// </summary>
internal sealed class DeploymentEntry(string @namespace, string name, string? resourceVersion, RolloutPhase? quietPhase, JsonObject? document)
{
    public string Namespace { get; } = @namespace;

    public string Name { get; } = name;

    public string Key => $"{Namespace}/{Name}";

    public string? ResourceVersion { get; } = resourceVersion;

    /// <summary>The phase (at rest) of a quiet Deployment (<see cref="QuietDeployment"/>); null when it is not quiet.</summary>
    public RolloutPhase? QuietPhase { get; } = quietPhase;

    /// <summary>The lean object of a Deployment that is not quiet; null for a quiet one.</summary>
    public JsonObject? Document { get; } = document;
}
