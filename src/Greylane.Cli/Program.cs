using Greylane.Cli;

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl-C ends a watch or a wait cleanly (exit 0 for --watch); a second one ends the process at once.
    e.Cancel = !interrupt.IsCancellationRequested;
    interrupt.Cancel();
};

return await CliApp.RunAsync(args, new CliConsole(Console.Out, Console.Error, Environment.GetEnvironmentVariable), interrupt.Token);
