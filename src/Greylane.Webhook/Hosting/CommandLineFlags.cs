namespace Greylane.Webhook.Hosting;

/// <summary>The flags the Greylane process takes, and the check that names any other one with the nearest known flag.</summary>
internal static class CommandLineFlags
{
    /// <summary>Greylane's own flags (documented in docs/notes/webhook.md, controller.md, analysis.md and notifications.md).</summary>
    public static readonly IReadOnlyList<string> Greylane =
    [
        "tls-cert", "tls-key", "tls-poll",
        "controller", "kubeconfig", "context", "leader-elect", "lease-namespace", "lease-name", "lease-duration", "renew-deadline",
        "retry-period", "workers", "identity",
        "prometheus-url", "prometheus-timeout", "prometheus-token-file", "prometheus-tenancy", "prometheus-tenancy-label",
        "notify-url", "notify-slack-url", "notify-token-file", "notify-timeout",
    ];

    // ASP.NET Core's host settings, which the same command line may carry; hierarchical keys (Logging:…, Kestrel:…)
    // are configuration sections and pass as well.
    private static readonly HashSet<string> Host = new(StringComparer.OrdinalIgnoreCase)
    {
        "urls", "http_ports", "https_ports", "environment", "contentRoot", "applicationName", "webroot", "AllowedHosts",
        "detailedErrors", "shutdownTimeoutSeconds", "preventHostingStartup", "hostingStartupAssemblies",
        "hostingStartupExcludeAssemblies", "suppressStatusMessages", "captureStartupErrors",
    };

    /// <summary>One problem per <c>--flag</c> in <paramref name="args"/> that is neither Greylane's nor the host's.</summary>
    public static IEnumerable<string> Unknown(IReadOnlyList<string> args)
    {
        for (var i = 0; i < args.Count; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || args[i].Length == 2)
            {
                continue;
            }

            var flag = args[i][2..];
            var equals = flag.IndexOf('=', StringComparison.Ordinal);
            if (equals >= 0)
            {
                flag = flag[..equals];
            }
            else
            {
                i++; // `--flag value`: the next argument is the value, whatever it looks like
            }

            if (!flag.Contains(':', StringComparison.Ordinal) && !Host.Contains(flag) && !Greylane.Contains(flag, StringComparer.OrdinalIgnoreCase))
            {
                yield return $"--{flag} is not a flag of Greylane{Suggestion(flag)}";
            }
        }
    }

    private static string Suggestion(string flag)
    {
        var nearest = Greylane.MinBy(known => Distance(flag.ToLowerInvariant(), known));
        return nearest is not null && Distance(flag.ToLowerInvariant(), nearest) <= Math.Max(2, nearest.Length / 4)
            ? $"; did you mean --{nearest}?"
            : "; the flags are listed in docs/notes/webhook.md, controller.md, analysis.md and notifications.md";
    }

    // Levenshtein distance: small enough inputs that the plain table is fine.
    private static int Distance(string a, string b)
    {
        var previous = Enumerable.Range(0, b.Length + 1).ToArray();
        for (var i = 1; i <= a.Length; i++)
        {
            var current = new int[b.Length + 1];
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }

            previous = current;
        }

        return previous[b.Length];
    }
}
