using System.Globalization;
using System.Runtime.InteropServices;
using Greylane.Sandbox;
using Microsoft.Extensions.Logging;

// dotnet run --project src/Greylane.Sandbox -- --port 6443 --kubeconfig .sandbox/kubeconfig
var port = 6443;
var kubeconfig = Path.Combine(".sandbox", "kubeconfig");
var verbose = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
            port = p;
            i++;
            break;
        case "--kubeconfig" when i + 1 < args.Length:
            kubeconfig = args[++i];
            break;
        case "--verbose":
            verbose = true;
            break;
        default:
            await Console.Error.WriteLineAsync(
                $"sandbox: unknown or incomplete argument \"{args[i]}\". Usage: Greylane.Sandbox [--port 6443 (0 = any free port)] [--kubeconfig .sandbox/kubeconfig] [--verbose]");
            return 2;
    }
}

using var logs = LoggerFactory.Create(b => b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(verbose ? LogLevel.Debug : LogLevel.Information).AddFilter("Microsoft", LogLevel.Warning));
await using var server = await SandboxServer.StartAsync(new SandboxOptions { Port = port }, logs);
await server.ApplyIstioCrdsAsync();
await server.ApplyGatewayApiCrdsAsync();
var path = server.WriteKubeconfig(kubeconfig);
Console.WriteLine($"Greylane sandbox API server listening on {server.BaseAddress}");
Console.WriteLine($"kubeconfig written to {path}");
Console.WriteLine($"  export KUBECONFIG={path}");
Console.WriteLine("  kubectl get namespaces");
Console.WriteLine("  kubectl apply -f your-deployment.yaml && kubectl rollout status deployment/<name>");
Console.WriteLine("Istio CRDs (VirtualService, DestinationRule, Gateway, EnvoyFilter) are preloaded. Press Ctrl-C to stop.");

using var stop = new CancellationTokenSource();
void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    stop.Cancel();
}

// SIGINT (Ctrl-C) and SIGTERM (make, docker, systemd) both end the sandbox cleanly.
using var onInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var onTerminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("sandbox: stopping");
}

return 0;
