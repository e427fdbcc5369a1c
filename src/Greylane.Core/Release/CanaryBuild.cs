using System.Text.Json.Nodes;

namespace Greylane.Core.Release;

/// <summary>The canary ReplicaSet to create, or <see cref="Error"/>: why it cannot be built and how to fix it.</summary>
public sealed record CanaryBuild(JsonObject? ReplicaSet, string? Error)
{
    /// <summary>A refusal.</summary>
    public static CanaryBuild Refused(string error) => new(null, error);
}
