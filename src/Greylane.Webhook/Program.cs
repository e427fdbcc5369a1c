using Greylane.Webhook.Hosting;

// No exception leaves Main: wrong settings exit 2 (the usual code for a usage error) with one line per problem, anything
// else that stops the process exits 1 with one line; a pod's log then says why it restarts, without a stack trace.
try
{
    await WebhookHost.Build(args).RunAsync();
    return 0;
}
catch (Exception e) when (Find<WebhookOptionsException>(e) is { } options)
{
    foreach (var problem in options.Problems)
    {
        await Console.Error.WriteLineAsync($"greylane: {OneLine(problem)}");
    }

    return 2;
}
#pragma warning disable CA1031 // The last resort of a process: one line instead of a stack trace, whatever went wrong.
catch (Exception e)
#pragma warning restore CA1031
{
    await Console.Error.WriteLineAsync($"greylane: cannot run: {e.GetType().Name}: {OneLine(e.Message)}");
    return 1;
}

// Hosting wraps what a service's constructor throws (AggregateException, TargetInvocationException) in some paths.
static T? Find<T>(Exception? e)
    where T : Exception
{
    for (; e is not null; e = e.InnerException)
    {
        if (e is T found)
        {
            return found;
        }
    }

    return null;
}

static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
