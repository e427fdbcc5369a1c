using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>The object to write, or why Greylane refuses to; notes say what the controller should record in the status.</summary>
public sealed record TrafficResult(JsonObject? Desired, IReadOnlyList<string> Errors, IReadOnlyList<string> Notes)
{
    /// <summary>True when there is an object to write.</summary>
    public bool IsValid => Desired is not null && Errors.Count == 0;

    /// <summary>A desired object.</summary>
    public static TrafficResult Ok(JsonObject desired, IReadOnlyList<string>? notes = null) => new(desired, [], notes ?? []);

    /// <summary>A refusal.</summary>
    public static TrafficResult Refused(string error) => new(null, [error], []);

    /// <summary>A refusal from a <see cref="TrafficException"/>.</summary>
    public static TrafficResult Refused(TrafficException e) => Refused(e.Message);
}
