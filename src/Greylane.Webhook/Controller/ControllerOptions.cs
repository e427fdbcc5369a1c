using System.Globalization;
using k8s;

namespace Greylane.Webhook.Controller;

/// <summary>
/// Settings of the controller half of the process: <c>--controller</c> (auto, true, false), <c>--kubeconfig</c>,
/// <c>--leader-elect</c>, <c>--lease-namespace</c>, <c>--lease-name</c>, <c>--lease-duration</c>, <c>--renew-deadline</c>,
/// <c>--retry-period</c>, <c>--workers</c>, <c>--identity</c>.
/// </summary>
internal sealed record ControllerOptions
{
    public const string DefaultLeaseNamespace = "greylane-system";

    /// <summary>Whether the controller runs at all; auto: when in a cluster or given <c>--kubeconfig</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary>The kubeconfig file, or null for the in-cluster service account.</summary>
    public string? Kubeconfig { get; init; }

    public bool LeaderElection { get; init; } = true;

    public string LeaseNamespace { get; init; } = DefaultLeaseNamespace;

    public string LeaseName { get; init; } = "greylane-controller";

    public TimeSpan LeaseDuration { get; init; } = TimeSpan.FromSeconds(15);

    public TimeSpan RenewDeadline { get; init; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryPeriod { get; init; } = TimeSpan.FromSeconds(2);

    public int Workers { get; init; } = 4;

    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Reads the settings, or throws <see cref="Hosting.WebhookOptionsException"/> naming the wrong one and its fix.</summary>
    public static ControllerOptions From(IConfiguration configuration)
    {
        var mode = (configuration["controller"] ?? "auto").Trim().ToLowerInvariant();
        var kubeconfig = configuration["kubeconfig"];
        var enabled = mode switch
        {
            "true" => true,
            "false" => false,
            "auto" => kubeconfig is not null || KubernetesClientConfiguration.IsInCluster(),
            _ => throw new Hosting.WebhookOptionsException($"--controller '{mode}' is not one of auto, true, false"),
        };
        if (enabled && kubeconfig is null && !KubernetesClientConfiguration.IsInCluster())
        {
            throw new Hosting.WebhookOptionsException("--controller true needs a cluster: pass --kubeconfig PATH (e.g. .sandbox/kubeconfig from make sandbox) or run inside Kubernetes");
        }

        if (kubeconfig is not null && !File.Exists(kubeconfig))
        {
            throw new Hosting.WebhookOptionsException($"--kubeconfig '{kubeconfig}' does not exist; pass the path of a kubeconfig file (make sandbox writes .sandbox/kubeconfig)");
        }

        var options = new ControllerOptions
        {
            Enabled = enabled,
            Kubeconfig = kubeconfig,
            LeaderElection = Bool(configuration, "leader-elect", true),
            LeaseNamespace = configuration["lease-namespace"] ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? DefaultLeaseNamespace,
            LeaseName = configuration["lease-name"] ?? "greylane-controller",
            LeaseDuration = Span(configuration, "lease-duration", TimeSpan.FromSeconds(15)),
            RenewDeadline = Span(configuration, "renew-deadline", TimeSpan.FromSeconds(10)),
            RetryPeriod = Span(configuration, "retry-period", TimeSpan.FromSeconds(2)),
            Workers = Count(configuration, "workers", 4),
        };
        if ((configuration["identity"] ?? Environment.GetEnvironmentVariable("POD_NAME")) is { } identity)
        {
            options = options with { Identity = identity };
        }

        if (!(options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration))
        {
            throw new Hosting.WebhookOptionsException("leader election needs --retry-period < --renew-deadline < --lease-duration (defaults 2s, 10s, 15s)");
        }

        return options;
    }

    private static bool Bool(IConfiguration configuration, string key, bool fallback) =>
        configuration[key] is not { } text ? fallback
        : bool.TryParse(text, out var value) ? value
        : throw new Hosting.WebhookOptionsException($"--{key} '{text}' is not true or false");

    private static int Count(IConfiguration configuration, string key, int fallback) =>
        configuration[key] is not { } text ? fallback
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value is > 0 and <= 64 ? value
        : throw new Hosting.WebhookOptionsException($"--{key} '{text}' is not a whole number from 1 to 64");

    private static TimeSpan Span(IConfiguration configuration, string key, TimeSpan fallback)
    {
        if (configuration[key] is not { } text)
        {
            return fallback;
        }

        return Greylane.Core.Strategy.GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new Hosting.WebhookOptionsException($"--{key} '{text}' is not a positive duration such as 15s");
    }
}
