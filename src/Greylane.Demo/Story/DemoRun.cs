using Greylane.Demo.Narration;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Story;

/// <summary>The whole demo: set up, tell the story, tear down (Prometheus included, whatever happened), within a time limit.</summary>
internal static class DemoRun
{
    /// <summary>The demo must end within 3 minutes; setup and teardown get what the story leaves.</summary>
    public static readonly TimeSpan DefaultLimit = TimeSpan.FromSeconds(170);

    public static async Task<DemoOutcome> RunAsync(DemoSettings settings, TextWriter writer, TimeSpan limit, CancellationToken cancellationToken)
    {
        var output = new DemoOutput(writer);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(limit);
        try
        {
            await using var environment = await DemoEnvironment.StartAsync(settings, output, deadline.Token);
            var outcome = await new DemoStory(environment).RunAsync(deadline.Token);
            output.Line(outcome.Succeeded ? "demo finished: both outcomes happened" : "demo failed");
            return outcome;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
            var why = cancellationToken.IsCancellationRequested ? "interrupted" : $"the demo ran out of its {limit.TotalSeconds:0}s";
            output.Line($"demo failed: {why}");
            return new DemoOutcome(null, null, false, [why]);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or IOException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            output.Line($"demo failed: {e.Message}");
            return new DemoOutcome(null, null, false, [e.Message]);
        }
    }
}
