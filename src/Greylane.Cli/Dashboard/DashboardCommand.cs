using Greylane.Cli.Arguments;
using Greylane.Cli.Kube;

namespace Greylane.Cli.Dashboard;

/// <summary><c>dashboard [-n NS | -A] [--port P] [--no-browser]</c>: serves the page on loopback until Ctrl-C.</summary>
internal static class DashboardCommand
{
    public static async Task<int> RunAsync(ParsedArgs args, KubeTarget target, CliConsole console, CancellationToken ct)
    {
        var options = DashboardOptions.From(args, target.Namespace);
        await using var server = await DashboardServer.StartAsync(target.Client, options, ct);
        await console.Out.WriteLineAsync($"Greylane dashboard ({options.Scope}, with your kubeconfig's rights): {server.Url}");
        await console.Out.WriteLineAsync("The address holds this run's secret token: share it with no one. Ctrl-C stops the dashboard.");
        if (options.OpenBrowser && await BrowserLauncher.TryOpenAsync(server.Url, ct) is { } problem)
        {
            await console.Error.WriteLineAsync($"note: no browser opened: {problem}; open the address above yourself (or pass --no-browser)");
        }

        using var either = CancellationTokenSource.CreateLinkedTokenSource(ct, server.Stopping);
        try
        {
            await Task.Delay(Timeout.Infinite, either.Token);
        }
        catch (OperationCanceledException)
        {
            await console.Out.WriteLineAsync("Dashboard stopped.");
        }

        return ExitCodes.Ok;
    }
}
