using Greylane.Webhook.Hosting;
using Microsoft.Extensions.Configuration;

namespace Greylane.Webhook.Notifications.Tests;

public sealed class NotifyOptionsTests
{
    [Fact]
    public void Without_settings_nothing_is_sent()
    {
        var options = Read([]);

        Assert.False(options.Enabled);
        Assert.Equal(NotifyOptions.DefaultTimeout, options.Timeout);
    }

    [Fact]
    public void The_url_flag_may_be_repeated_and_the_rest_are_read_with_it()
    {
        var tokenFile = Path.GetTempFileName();
        try
        {
            var options = Read(["--notify-url", "https://a.example/events", "--notify-url=http://b.example:8080/in", "--notify-slack-url", "https://hooks.slack.com/services/T/B/X",
                "--notify-token-file", tokenFile, "--notify-timeout", "1500ms"]);

            Assert.Equal([new Uri("https://a.example/events"), new Uri("http://b.example:8080/in")], options.Urls);
            Assert.Equal((new Uri("https://hooks.slack.com/services/T/B/X"), tokenFile, TimeSpan.FromMilliseconds(1500)), (options.SlackUrl, options.TokenFile, options.Timeout));
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public void The_environment_is_the_fallback_and_lists_urls_comma_separated()
    {
        var options = Read([], new()
        {
            ["GREYLANE_NOTIFY_URL"] = "https://a.example/events, https://b.example/events",
            ["GREYLANE_NOTIFY_SLACK_URL"] = "https://hooks.slack.com/services/T/B/X",
            ["GREYLANE_NOTIFY_TIMEOUT"] = "2s",
        });

        Assert.Equal([new Uri("https://a.example/events"), new Uri("https://b.example/events")], options.Urls);
        Assert.Equal((new Uri("https://hooks.slack.com/services/T/B/X"), TimeSpan.FromSeconds(2)), (options.SlackUrl, options.Timeout));
    }

    [Fact]
    public void A_flag_wins_over_the_environment()
    {
        var options = Read(["--notify-url", "https://flag.example/"], new() { ["GREYLANE_NOTIFY_URL"] = "https://env.example/" });

        Assert.Equal([new Uri("https://flag.example/")], options.Urls);
    }

    [Fact]
    public void Every_bad_setting_is_named_with_its_fix_at_once()
    {
        var error = Assert.Throws<WebhookOptionsException>(() => Read(["--notify-url", "events.example.com", "--notify-url", "ftp://x.example/", "--notify-slack-url", "/services/T/B/X",
            "--notify-token-file", "/nonexistent/token", "--notify-timeout", "5"]));

        Assert.Equal(
        [
            "--notify-url 'events.example.com' is not an absolute http(s) URL; write the CloudEvents receiver's address, e.g. https://events.example.com/greylane",
            "--notify-url 'ftp://x.example/' is not an absolute http(s) URL; write the CloudEvents receiver's address, e.g. https://events.example.com/greylane",
            "--notify-slack-url '/services/T/B/X' is not an absolute http(s) URL; write the Slack incoming webhook's address, e.g. https://hooks.slack.com/services/T000/B000/XXXX",
            "--notify-token-file '/nonexistent/token' does not exist; mount the Secret holding the receivers' bearer token there, or leave the flag out",
            "--notify-timeout '5' has no unit; write 5s (durations are written the Go way: 500ms, 15s, 1m30s)",
        ],
            error.Problems);
    }

    [Fact]
    public void The_process_settings_carry_the_notification_settings_and_know_their_flags()
    {
        using var pair = Greylane.Testing.Certificates.CertificateFiles.Plain(Greylane.Testing.Certificates.TestPki.Issue("localhost"));
        string[] args = ["--tls-cert", pair.CertificatePath, "--tls-key", pair.KeyPath, "--notify-url", "https://a.example/", "--notify-url", "https://b.example/", "--notify-timeout", "3s"];

        var options = GreylaneOptions.From(new ConfigurationBuilder().AddCommandLine(args).Build(), args);

        Assert.Equal(2, options.Notify.Urls.Count);
        Assert.Equal(TimeSpan.FromSeconds(3), options.Notify.Timeout);
    }

    [Fact]
    public void Logs_never_show_a_slack_path_or_credentials()
    {
        Assert.Equal("https://hooks.slack.com/…", NotifyOptions.Redacted(new Uri("https://hooks.slack.com/services/T/B/secret")));
        Assert.Equal("https://events.example/in", NotifyOptions.Redacted(new Uri("https://user:pw@events.example/in?key=k")));
    }

    private static NotifyOptions Read(string[] args, Dictionary<string, string?>? environment = null) =>
        NotifyOptions.From(new ConfigurationBuilder().AddInMemoryCollection(environment ?? []).AddCommandLine(args).Build(), args);
}
