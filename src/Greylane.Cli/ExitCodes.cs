namespace Greylane.Cli;

/// <summary>The CLI's exit codes (part of its contract for scripts).</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Bad input, a missing object, a command that does not apply, an unreachable cluster: the message says the fix.</summary>
    public const int UserError = 1;

    /// <summary>The command was set but the controller did not act on it within <c>--timeout</c>.</summary>
    public const int NotActed = 2;
}
