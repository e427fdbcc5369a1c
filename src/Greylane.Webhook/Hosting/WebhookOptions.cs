using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Greylane.Webhook.Hosting;

/// <summary>Command-line settings of the webhook process (<c>--tls-cert</c>, <c>--tls-key</c>, <c>--tls-poll</c>, <c>--urls</c>).</summary>
internal sealed record WebhookOptions(string CertificatePath, string KeyPath, TimeSpan CertificatePollInterval)
{
    public const string DefaultUrl = "https://0.0.0.0:8443";

    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(10);

    /// <summary>Reads the options, or throws <see cref="WebhookOptionsException"/> naming every missing or wrong setting.</summary>
    public static WebhookOptions From(IConfiguration configuration)
    {
        var reader = new OptionReader(configuration);
        var options = Read(reader);
        return reader.Problems.Count == 0 ? options : throw new WebhookOptionsException(reader.Problems);
    }

    /// <summary>Reads the options, noting each problem in <paramref name="reader"/>.</summary>
    public static WebhookOptions Read(OptionReader reader)
    {
        var cert = reader.Text("tls-cert");
        var key = reader.Text("tls-key");
        if (cert is null || key is null)
        {
            reader.Problem("--tls-cert and --tls-key are required: PEM files of the serving certificate and its key (make certs writes certs/out/tls.crt and tls.key)");
        }

        var missing = false;
        foreach (var (flag, path) in new[] { ("--tls-cert", cert), ("--tls-key", key) })
        {
            if (path is not null && !File.Exists(path))
            {
                missing = true;
                reader.Problem($"{flag} '{path}' does not exist; pass the PEM file (make certs writes certs/out/tls.crt and tls.key; in a cluster, mount the serving Secret)");
            }
        }

        if (cert is not null && key is not null && !missing)
        {
            CheckPair(reader, cert, key);
        }

        var poll = reader.Duration("tls-poll", DefaultPollInterval);
        foreach (var url in (reader.Text("urls") ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
            {
                reader.Problem($"--urls '{url}' is not HTTPS; the API server calls webhooks over TLS only (use https://HOST:PORT)");
            }
        }

        return new WebhookOptions(cert ?? "", key ?? "", poll);
    }

    // Loaded once here so that a wrong file is named with the other problems; the certificate store loads it again to serve.
    private static void CheckPair(OptionReader reader, string cert, string key)
    {
        try
        {
            using var pair = X509Certificate2.CreateFromPemFile(cert, key);
        }
        catch (Exception e) when (e is CryptographicException or IOException or UnauthorizedAccessException or ArgumentException)
        {
            reader.Problem($"--tls-cert '{cert}' and --tls-key '{key}' are not a PEM certificate and its private key ({e.Message.TrimEnd('.')}); make certs writes a pair to certs/out/tls.crt and tls.key");
        }
    }
}
