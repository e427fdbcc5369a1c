using Greylane.Demo.Narration;
using Greylane.Demo.Setup;

namespace Greylane.Demo.Playground;

/// <summary>
/// <c>make sandbox</c>: the demo's environment without the story, kept running until Ctrl-C or SIGTERM, for a person
/// to try Greylane with their own kubectl, helm and plugin. Everything it started is stopped on the way out.
/// </summary>
internal static class PlaygroundRun
{
    public static async Task<int> RunAsync(DemoSettings settings, TextWriter writer, CancellationToken stop)
    {
        var playground = settings.Playground!;
        Directory.CreateDirectory(playground.Logs);
        var output = new DemoOutput(writer);
        using var held = PlaygroundLock.TryTake(playground.Directory, out var refusal);
        if (held is null)
        {
            await Console.Error.WriteLineAsync($"sandbox: {refusal}");
            return 1;
        }

        var envFile = PlaygroundEnvFile.Path(playground.Directory);
        try
        {
            await using var environment = await DemoEnvironment.StartAsync(settings, output, stop);
            // Written whole, then moved into place: whoever sees the file (a user's `source`, a test) reads all of it.
            await File.WriteAllTextAsync(envFile + ".new", PlaygroundEnvFile.Text(environment, envFile), stop);
            File.Move(envFile + ".new", envFile, overwrite: true);
            output.Line(PlaygroundGuide.Text(environment, playground, envFile));
            try
            {
                await Task.Delay(Timeout.Infinite, stop);
            }
            catch (OperationCanceledException)
            {
                output.Line("stopping everything this playground started");
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            output.Line("interrupted while starting; stopped what had started");
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or TimeoutException or HttpRequestException or k8s.Autorest.HttpOperationException)
        {
            await Console.Error.WriteLineAsync($"sandbox: could not start: {e.Message} (logs: {playground.Logs})");
            return 1;
        }
        finally
        {
            File.Delete(envFile);
        }

        output.Line("stopped; nothing is left running");
        return 0;
    }
}
