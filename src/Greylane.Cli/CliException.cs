namespace Greylane.Cli;

/// <summary>A problem the user can fix: the message names it and the fix; the CLI prints it and exits with <see cref="ExitCode"/>.</summary>
internal sealed class CliException(string message, int exitCode = ExitCodes.UserError) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
