using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Demo.Setup;
using Greylane.Sandbox.Storage;

namespace Greylane.Demo.Story;

/// <summary>What one Deployment's release looks like right now, read from the API's stored object.</summary>
internal sealed record ReleaseView(bool Exists, bool Paused, string? Release, RolloutStatus Status)
{
    public static ReleaseView Read(IObjectStore store, string deployment)
    {
        var obj = store.Get(BuiltInResources.Deployments, DemoNames.Namespace, deployment);
        if (obj is null)
        {
            return new ReleaseView(false, false, null, RolloutStatus.Idle);
        }

        var annotations = obj["metadata"]?["annotations"] as JsonObject;
        return new ReleaseView(
            true,
            obj["spec"]?["paused"]?.GetValue<bool>() ?? false,
            annotations?[GreylaneKeys.Release]?.GetValue<string>(),
            RolloutStatusJson.Read(annotations?[GreylaneKeys.Status]?.GetValue<string>()));
    }

    public override string ToString() =>
        !Exists ? "deleted"
        : $"phase {Status.Phase} step {Status.Step + 1}{(Status.Held ? " (held)" : "")}, paused={Paused.ToString().ToLowerInvariant()}, release {Release ?? "none"}"
          + (Status.Message is null ? "" : $", message: {Status.Message}");
}
