namespace Greylane.Cli;

/// <summary>Where the CLI writes and how it reads its environment, so tests run it in-process without touching the real ones.</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, Func<string, string?> Environment);
