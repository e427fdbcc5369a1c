using System.Text.Json;

namespace Greylane.Core.Rollout;

/// <summary>Reads and writes the <c>greylane.dev/status</c> JSON (camelCase, enums as names, nulls omitted).</summary>
public static class RolloutStatusJson
{
    /// <summary>The stable serialized form of <paramref name="status"/>.</summary>
    public static string Write(RolloutStatus status) =>
        JsonSerializer.Serialize(status, RolloutJsonContext.Default.RolloutStatus);

    /// <summary>
    /// The status in <paramref name="json"/>: absent or empty is <see cref="RolloutStatus.Idle"/>; unknown fields are
    /// ignored. Unreadable JSON also starts over from Idle (with a message), because the next decision then
    /// cleans up and restarts the release at step 1, which is safe; refusing to decide would leave it stuck.
    /// </summary>
    public static RolloutStatus Read(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return RolloutStatus.Idle;
        }

        try
        {
            return JsonSerializer.Deserialize(json, RolloutJsonContext.Default.RolloutStatus) ?? RolloutStatus.Idle;
        }
        catch (JsonException e)
        {
            return RolloutStatus.Idle with { Message = $"the status annotation was unreadable ({e.Message}); starting over" };
        }
    }
}
