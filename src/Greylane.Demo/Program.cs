using System.Runtime.InteropServices;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;

// make demo: the seed article's end-to-end canary release on the sandbox, narrated; exit 0 only if release 1
// completed and the faulty release 2 was rolled back.
var settings = new DemoSettings { Strategy = DemoStrategies.For };
foreach (var arg in args)
{
    switch (arg)
    {
        case "--no-prometheus":
            settings = settings with { UsePrometheus = false };
            break;
        case "--no-kubectl":
            settings = settings with { UseKubectl = false };
            break;
        case "--verbose":
            settings = settings with { Verbose = true };
            break;
        case "--gateway-api":
            settings = settings with { GatewayApi = true, Strategy = DemoStrategies.ForGatewayApi };
            break;
        default:
            await Console.Error.WriteLineAsync($"demo: unknown argument '{arg}'. Usage: Greylane.Demo [--no-prometheus] [--no-kubectl] [--verbose] [--gateway-api]");
            return 2;
    }
}

using var interrupt = new CancellationTokenSource();
// Ctrl-C and SIGTERM end the story early but still tear everything down, Prometheus included.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

try
{
    var outcome = await DemoRun.RunAsync(settings, Console.Out, DemoRun.DefaultLimit, interrupt.Token);
    return outcome.Succeeded ? 0 : 1;
}
catch (Exception e) when (e is not OutOfMemoryException)
{
    // Everything was torn down on the way out (await using); say what broke without a stack trace dump.
    await Console.Error.WriteLineAsync($"demo failed: {e.GetType().Name}: {e.Message}");
    return 1;
}

void Stop(PosixSignalContext context)
{
    context.Cancel = true;
    interrupt.Cancel();
}
