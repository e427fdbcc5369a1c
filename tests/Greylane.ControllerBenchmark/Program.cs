using System.Globalization;
using Greylane.ControllerBenchmark;
using Greylane.Testing.Repository;

// `dotnet run -c Release --project tests/Greylane.ControllerBenchmark [-- --deployments N --releasing M | --quick]`:
// the controller at a small scale (the baseline) and then at N Deployments with M releasing at once, each with a fresh
// in-process sandbox and a fresh Greylane child process. Loopback only; every wait is bounded.
BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    await Console.Error.WriteLineAsync($"controller benchmark: {e.Message}");
    return 2;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

var webhook = options.Greylane ?? WebhookBinary.Find();
Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
    $"Greylane controller benchmark, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC, {Environment.ProcessorCount} cores, .NET {Environment.Version}; pods ready after {options.PodReadyDelay.TotalMilliseconds:F0} ms"));
Console.WriteLine($"Greylane child: dotnet {webhook}");
try
{
    var baseline = await new ScaleRun(options.Baseline, options, webhook).RunAsync(cancel.Token);
    var large = await new ScaleRun(options.Large, options, webhook).RunAsync(cancel.Token);
    Report.Print(baseline, large);
    return baseline.AllCompleted is null || large.AllCompleted is null ? 1 : 0;
}
catch (TimeoutException e)
{
    await Console.Error.WriteLineAsync($"controller benchmark: {e.Message}");
    return 1;
}
