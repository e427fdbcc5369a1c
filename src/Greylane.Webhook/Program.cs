using Greylane.Webhook.Analysis;
using Greylane.Webhook.Hosting;

try
{
    await WebhookHost.Build(args).RunAsync();
    return 0;
}
catch (WebhookOptionsException e)
{
    await Console.Error.WriteLineAsync($"greylane-webhook: {e.Message}");
    return 2;
}
catch (PrometheusOptionsException e)
{
    foreach (var line in e.Message.Split('\n'))
    {
        await Console.Error.WriteLineAsync($"greylane-webhook: {line}");
    }

    return 2;
}
