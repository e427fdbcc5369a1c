namespace Greylane.Webhook.Hosting;

/// <summary>Command-line settings of the webhook process (<c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-poll</c>).</summary>
internal sealed record WebhookOptions(string CertificatePath, string KeyPath, TimeSpan CertificatePollInterval)
{
    public const string DefaultUrl = "https://0.0.0.0:8443";

    /// <summary>Reads the options, or throws <see cref="WebhookOptionsException"/> naming the missing or wrong setting.</summary>
    public static WebhookOptions From(IConfiguration configuration)
    {
        var cert = configuration["tls-cert"];
        var key = configuration["tls-key"];
        if (string.IsNullOrWhiteSpace(cert) || string.IsNullOrWhiteSpace(key))
        {
            throw new WebhookOptionsException("--tls-cert and --tls-key are required: PEM files of the serving certificate and its key (make certs writes certs/out/tls.crt and tls.key)");
        }

        var poll = TimeSpan.FromSeconds(10);
        if (configuration["tls-poll"] is { } text && (!TimeSpan.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out poll) || poll <= TimeSpan.Zero))
        {
            throw new WebhookOptionsException($"--tls-poll '{text}' is not a positive time span such as 00:00:10");
        }

        foreach (var url in (configuration["urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                throw new WebhookOptionsException($"--urls '{url}' is not HTTPS; the API server calls webhooks over TLS only (use https://HOST:PORT)");
            }
        }

        return new WebhookOptions(cert, key, poll);
    }
}

/// <summary>A setting is missing or wrong; the message says which and how to fix it.</summary>
internal sealed class WebhookOptionsException(string message) : Exception(message);
