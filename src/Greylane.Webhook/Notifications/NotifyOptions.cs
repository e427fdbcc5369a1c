using Greylane.Webhook.Hosting;

namespace Greylane.Webhook.Notifications;

/// <summary>
/// Where release notifications go: operator settings only (a strategy can narrow what is sent, never add an address).
/// <c>--notify-url</c> (repeatable; else <c>GREYLANE_NOTIFY_URL</c>, comma-separated) receives CloudEvents,
/// <c>--notify-slack-url</c> (<c>GREYLANE_NOTIFY_SLACK_URL</c>) a Slack incoming webhook's message; <c>--notify-token-file</c>
/// holds a bearer token for the CloudEvents receivers; <c>--notify-timeout</c> bounds each attempt.
/// </summary>
internal sealed record NotifyOptions(IReadOnlyList<Uri> Urls, Uri? SlackUrl, string? TokenFile, TimeSpan Timeout)
{
    /// <summary>Each attempt's bound when none is set.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(5);

    /// <summary>No receivers: nothing is queued or sent.</summary>
    public static NotifyOptions None { get; } = new([], null, null, DefaultTimeout);

    /// <summary>How long one notification is retried (errors, timeouts, 5xx, 429) before it is given up.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>The first wait between attempts; it doubles up to <see cref="RetryDelayMax"/>.</summary>
    public TimeSpan RetryDelay { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait between attempts.</summary>
    public TimeSpan RetryDelayMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Notifications waiting per receiver; past it the oldest is dropped (and counted).</summary>
    public int QueueLimit { get; init; } = 1000;

    /// <summary>True when some receiver is set.</summary>
    public bool Enabled => Urls.Count > 0 || SlackUrl is not null;

    /// <summary>Reads the settings from configuration alone (no repeated flags); throws <see cref="WebhookOptionsException"/> naming every wrong one.</summary>
    public static NotifyOptions From(IConfiguration configuration, IReadOnlyList<string>? args = null)
    {
        var reader = new OptionReader(configuration);
        var options = Read(reader, args ?? []);
        return reader.Problems.Count == 0 ? options : throw new WebhookOptionsException(reader.Problems);
    }

    /// <summary>
    /// Reads the settings, noting each problem in <paramref name="reader"/>. Every <c>--notify-url</c> in
    /// <paramref name="args"/> counts (configuration keeps only the last of a repeated flag); without one, the setting
    /// <c>notify-url</c> and then <c>GREYLANE_NOTIFY_URL</c> may list several, comma-separated.
    /// </summary>
    internal static NotifyOptions Read(OptionReader reader, IReadOnlyList<string> args)
    {
        var texts = Repeated(args, "notify-url");
        if (texts.Count == 0 && (reader.Text("notify-url") ?? reader.Text("GREYLANE_NOTIFY_URL")) is { } list)
        {
            texts = [.. list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)];
        }

        var urls = texts.Select(text => Url(reader, "--notify-url", text, "the CloudEvents receiver's address, e.g. https://events.example.com/greylane"))
            .OfType<Uri>().ToList();
        var slack = (reader.Text("notify-slack-url") ?? reader.Text("GREYLANE_NOTIFY_SLACK_URL")) is { } slackText
            ? Url(reader, "--notify-slack-url", slackText, "the Slack incoming webhook's address, e.g. https://hooks.slack.com/services/T000/B000/XXXX")
            : null;
        var tokenFile = reader.Text("notify-token-file") ?? reader.Text("GREYLANE_NOTIFY_TOKEN_FILE");
        if (tokenFile is not null && !File.Exists(tokenFile))
        {
            reader.Problem($"--notify-token-file '{tokenFile}' does not exist; mount the Secret holding the receivers' bearer token there, or leave the flag out");
        }

        var timeout = reader.Duration("--notify-timeout", reader.Text("notify-timeout") ?? reader.Text("GREYLANE_NOTIFY_TIMEOUT"), DefaultTimeout);
        return new NotifyOptions(urls, slack, tokenFile, timeout);
    }

    /// <summary>An address as a log line may show it: no user information, no query (a Slack URL's path is its secret too).</summary>
    public static string Redacted(Uri url) => url.Host.EndsWith("slack.com", StringComparison.OrdinalIgnoreCase)
        ? $"{url.Scheme}://{url.Authority}/…"
        : $"{url.Scheme}://{url.Authority}{url.AbsolutePath}";

    private static Uri? Url(OptionReader reader, string flag, string text, string example)
    {
        if (Uri.TryCreate(text, UriKind.Absolute, out var url) && url.Scheme is "http" or "https" && url.Host.Length > 0)
        {
            return url;
        }

        reader.Problem($"{flag} '{text}' is not an absolute http(s) URL; write {example}");
        return null;
    }

    private static List<string> Repeated(IReadOnlyList<string> args, string name)
    {
        var values = new List<string>();
        for (var i = 0; i < args.Count; i++)
        {
            if (args[i] == $"--{name}" && i + 1 < args.Count)
            {
                values.Add(args[++i]);
            }
            else if (args[i].StartsWith($"--{name}=", StringComparison.Ordinal))
            {
                values.Add(args[i][(name.Length + 3)..]);
            }
        }

        return values;
    }
}
