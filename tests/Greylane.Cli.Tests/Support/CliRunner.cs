using Greylane.Testing.Output;

namespace Greylane.Cli.Support.Tests;

/// <summary>Runs the CLI in-process with its own output and environment (nothing of the test process leaks in).</summary>
internal static class CliRunner
{
    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        await RunAsync(environment, CancellationToken.None, args);

    public static async Task<CliRun> RunAsync(IReadOnlyDictionary<string, string> environment, CancellationToken ct, params string[] args)
    {
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(stdout, stderr, name => environment.GetValueOrDefault(name)), ct);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Starts a long run (<c>--watch</c>) whose output the test reads while it goes on.</summary>
    public static (Task<int> Run, SharedWriter Stdout, SharedWriter Stderr) Start(IReadOnlyDictionary<string, string> environment, CancellationToken ct, params string[] args)
    {
        var stdout = new SharedWriter();
        var stderr = new SharedWriter();
        var run = Task.Run(() => CliApp.RunAsync(args, new CliConsole(stdout, stderr, name => environment.GetValueOrDefault(name)), ct));
        return (run, stdout, stderr);
    }
}
