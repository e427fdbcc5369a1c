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
        case "--verbose":
            settings = settings with { Verbose = true };
            break;
        default:
            await Console.Error.WriteLineAsync($"demo: unknown argument '{arg}'. Usage: Greylane.Demo [--no-prometheus] [--verbose]");
            return 2;
    }
}

using var interrupt = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    interrupt.Cancel();
};

var outcome = await DemoRun.RunAsync(settings, Console.Out, DemoRun.DefaultLimit, interrupt.Token);
return outcome.Succeeded ? 0 : 1;
