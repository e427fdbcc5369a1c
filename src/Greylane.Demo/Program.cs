using System.Globalization;
using System.Runtime.InteropServices;
using Greylane.Demo.Playground;
using Greylane.Demo.Setup;
using Greylane.Demo.Story;

// make demo: the seed article's end-to-end canary release on the sandbox, narrated; exit 0 only if release 1
// completed and the faulty release 2 was rolled back. make sandbox (--playground DIR): the same environment without
// the story, kept running for a person until Ctrl-C.
const string Usage = "Usage: Greylane.Demo [--no-prometheus] [--no-kubectl] [--verbose] [--gateway-api] | --playground DIR [--port 6443] [--api-only] [--no-prometheus]";
var settings = new DemoSettings { Strategy = DemoStrategies.For };
string? playgroundDirectory = null;
var port = 6443;
var apiOnly = false;
for (var i = 0; i < args.Length; i++)
{
    switch (args[i])
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
        case "--playground" when i + 1 < args.Length:
            playgroundDirectory = Path.GetFullPath(args[++i]);
            break;
        case "--port" when i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p <= 65535:
            port = p;
            i++;
            break;
        case "--api-only":
            apiOnly = true;
            break;
        default:
            await Console.Error.WriteLineAsync($"demo: unknown or incomplete argument '{args[i]}'. {Usage}");
            return 2;
    }
}

if (playgroundDirectory is null && (apiOnly || port != 6443))
{
    await Console.Error.WriteLineAsync($"demo: --api-only and --port belong to the playground (make sandbox): add --playground DIR. {Usage}");
    return 2;
}

using var interrupt = new CancellationTokenSource();
// Ctrl-C and SIGTERM end the story (or the playground) but still tear everything down, Prometheus included.
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);

if (playgroundDirectory is not null)
{
    return await PlaygroundRun.RunAsync(settings with { Playground = new PlaygroundSettings(playgroundDirectory, port, apiOnly) }, Console.Out, interrupt.Token);
}

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
