namespace Greylane.Cli.Status;

/// <summary>One sign of a running Greylane as the user's credentials saw it: seen, not seen, or not checkable (null).</summary>
internal sealed record PresenceCheck(bool? Seen, string Detail)
{
    /// <summary>The request was refused (403/401) or failed: say what could not be checked rather than guess.</summary>
    public static PresenceCheck Unknown(string detail) => new(null, detail);
}
