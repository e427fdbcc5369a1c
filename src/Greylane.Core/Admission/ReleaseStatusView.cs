using System.Text.Json;

namespace Greylane.Core.Admission;

/// <summary>The two top-level fields of <c>greylane.dev/status</c> that admission reads: the phase and the release it is about.</summary>
internal sealed record ReleaseStatusView(string? Phase, string? Release)
{
    public static ReleaseStatusView None { get; } = new(null, null);

    /// <summary>Reads the controller's status JSON; anything unreadable counts as no status (the controller owns its repair).</summary>
    public static ReleaseStatusView Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return None;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return root.ValueKind != JsonValueKind.Object
                ? None
                : new(Text(root, "phase"), Text(root, "release"));
        }
        catch (JsonException)
        {
            return None;
        }
    }

    /// <summary>
    /// The phase as it applies to <paramref name="release"/>: a status still about an earlier release (the webhook
    /// starts a release before the controller has seen it) says nothing about this one.
    /// </summary>
    public string? PhaseOf(string release) => Release is null || Release == release ? Phase : null;

    private static string? Text(JsonElement obj, string field) =>
        obj.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
