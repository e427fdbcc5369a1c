using Greylane.Webhook.Hosting;
using Microsoft.Extensions.Configuration;

namespace Greylane.Webhook.Hosting.Tests;

public sealed class WebhookOptionsTests
{
    [Fact]
    public void Missing_certificate_options_name_both_flags()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => WebhookOptions.From(Configuration()));

        Assert.Contains("--tls-cert and --tls-key are required", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Plain_http_url_is_refused()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => WebhookOptions.From(Configuration(("urls", "http://127.0.0.1:8080"), ("tls-cert", "tls.crt"), ("tls-key", "tls.key"))));

        Assert.Contains("is not HTTPS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unreadable_certificate_files_stop_the_start_with_a_fix()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => WebhookHost.Build(["--urls", "https://127.0.0.1:0", "--tls-cert", "/nonexistent/tls.crt", "--tls-key", "/nonexistent/tls.key"])
            .Services.GetService(typeof(Greylane.Webhook.Tls.CertificateStore)));

        Assert.Contains("make certs", error.Message, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();
}
