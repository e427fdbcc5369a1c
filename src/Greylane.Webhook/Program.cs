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
