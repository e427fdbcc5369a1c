using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>The release status a Deployment PATCH writes (or a Deployment holds): <c>phase</c> and <c>step</c> of <c>greylane.dev/status</c>.</summary>
internal sealed record StatusWrite(string Phase, int Step, bool Routed, bool Restored)
{
    public const string Annotation = "greylane.dev/status";

    public static StatusWrite Idle { get; } = new("Idle", 0, false, false);

    /// <summary>The phases where no release is in progress.</summary>
    public bool AtRest => Phase is "Idle" or "Completed" or "RolledBack";

    /// <summary>Phase and step: what "moving on" means for the no-stall check.</summary>
    public (string Phase, int Step) Key => (Phase, Step);

    /// <summary>The status in a Deployment PATCH body, or null when the PATCH does not write one.</summary>
    public static StatusWrite? FromPatch(byte[] body)
    {
        try
        {
            return JsonNode.Parse(body)?["metadata"]?["annotations"]?[Annotation] is JsonValue value && value.TryGetValue<string>(out var json)
                ? Parse(json)
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The status of a stored Deployment (Idle without the annotation).</summary>
    public static StatusWrite Of(JsonObject? deployment) =>
        deployment?["metadata"]?["annotations"]?[Annotation] is JsonValue value && value.TryGetValue<string>(out var json) ? Parse(json) : Idle;

    public override string ToString() => $"{Phase}#{Step}{(Routed ? "+routed" : "")}{(Restored ? "+restored" : "")}";

    private static StatusWrite Parse(string json)
    {
        try
        {
            var status = JsonNode.Parse(json) as JsonObject;
            return new StatusWrite(
                status?["phase"]?.GetValue<string>() ?? "Idle",
                JsonInt.Of(status?["step"]) ?? 0,
                status?["routedAt"] is not null,
                status?["restoredAt"] is not null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            return new StatusWrite($"unreadable({e.GetType().Name})", 0, false, false);
        }
    }
}
