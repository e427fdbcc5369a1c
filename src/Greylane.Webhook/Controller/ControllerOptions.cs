using Greylane.Core.Strategy;
using Greylane.Webhook.Hosting;
using k8s;
using k8s.Exceptions;

namespace Greylane.Webhook.Controller;

/// <summary>
/// Settings of the controller half of the process: <c>--controller</c> (auto, true, false), <c>--kubeconfig</c>,
/// <c>--context</c>, <c>--leader-elect</c>, <c>--lease-namespace</c>, <c>--lease-name</c>, <c>--lease-duration</c>, <c>--renew-deadline</c>,
/// <c>--retry-period</c>, <c>--workers</c>, <c>--identity</c>.
/// </summary>
internal sealed record ControllerOptions
{
    public const string DefaultLeaseNamespace = "greylane-system";

    /// <summary>Whether the controller runs at all; auto: when in a cluster or given <c>--kubeconfig</c>.</summary>
    public bool Enabled { get; init; }

    /// <summary>The kubeconfig file, or null for the in-cluster service account.</summary>
    public string? Kubeconfig { get; init; }

    /// <summary>The kubeconfig context to use, or null for its current context (the sandbox's Greylane runs as <c>greylane</c>).</summary>
    public string? Context { get; init; }

    public bool LeaderElection { get; init; } = true;

    public string LeaseNamespace { get; init; } = DefaultLeaseNamespace;

    public string LeaseName { get; init; } = "greylane-controller";

    public static readonly TimeSpan DefaultLeaseDuration = TimeSpan.FromSeconds(15);

    public static readonly TimeSpan DefaultRenewDeadline = TimeSpan.FromSeconds(10);

    public static readonly TimeSpan DefaultRetryPeriod = TimeSpan.FromSeconds(2);

    public TimeSpan LeaseDuration { get; init; } = DefaultLeaseDuration;

    public TimeSpan RenewDeadline { get; init; } = DefaultRenewDeadline;

    public TimeSpan RetryPeriod { get; init; } = DefaultRetryPeriod;

    public int Workers { get; init; } = 4;

    public string Identity { get; init; } = $"{Environment.MachineName}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>Reads the settings, or throws <see cref="WebhookOptionsException"/> naming every wrong one and its fix.</summary>
    public static ControllerOptions From(IConfiguration configuration)
    {
        var reader = new OptionReader(configuration);
        var options = Read(reader);
        return reader.Problems.Count == 0 ? options : throw new WebhookOptionsException(reader.Problems);
    }

    /// <summary>Reads the settings, noting each problem in <paramref name="reader"/>.</summary>
    public static ControllerOptions Read(OptionReader reader)
    {
        var mode = (reader.Text("controller") ?? "auto").ToLowerInvariant();
        var kubeconfig = reader.Text("kubeconfig");
        var enabled = false;
        switch (mode)
        {
            case "true":
                enabled = true;
                break;
            case "false":
                break;
            case "auto":
                enabled = kubeconfig is not null || KubernetesClientConfiguration.IsInCluster();
                break;
            default:
                reader.Problem($"--controller '{mode}' is not one of auto, true, false");
                break;
        }

        if (enabled && kubeconfig is null && !KubernetesClientConfiguration.IsInCluster())
        {
            reader.Problem("--controller true needs a cluster: pass --kubeconfig PATH (e.g. .sandbox/kubeconfig from make sandbox) or run inside Kubernetes");
        }

        var context = reader.Text("context");
        if (kubeconfig is not null)
        {
            CheckKubeconfig(reader, kubeconfig, context);
        }
        else if (context is not null)
        {
            reader.Problem($"--context '{context}' needs --kubeconfig PATH, the file it is in (in a cluster Greylane uses its ServiceAccount)");
        }

        var problemsBefore = reader.Problems.Count;
        var lease = reader.Duration("lease-duration", DefaultLeaseDuration);
        var renew = reader.Duration("renew-deadline", DefaultRenewDeadline);
        var retry = reader.Duration("retry-period", DefaultRetryPeriod);
        var durationsRead = reader.Problems.Count == problemsBefore;
        var options = new ControllerOptions
        {
            Enabled = enabled,
            Kubeconfig = kubeconfig,
            Context = context,
            LeaderElection = reader.Bool("leader-elect", true),
            LeaseNamespace = reader.Text("lease-namespace") ?? Environment.GetEnvironmentVariable("POD_NAMESPACE") ?? DefaultLeaseNamespace,
            LeaseName = reader.Text("lease-name") ?? "greylane-controller",
            LeaseDuration = lease,
            RenewDeadline = renew,
            RetryPeriod = retry,
            Workers = reader.Count("workers", 4, 1, 64),
        };
        if ((reader.Text("identity") ?? Environment.GetEnvironmentVariable("POD_NAME")) is { Length: > 0 } identity)
        {
            options = options with { Identity = identity };
        }

        // A wrong value is already named; the order is judged only when all three were read.
        if (durationsRead && !(options.RetryPeriod < options.RenewDeadline && options.RenewDeadline < options.LeaseDuration))
        {
            reader.Problem($"leader election needs --retry-period < --renew-deadline < --lease-duration (defaults 2s, 10s, 15s); "
                + $"got {GoDuration.Format(options.RetryPeriod)}, {GoDuration.Format(options.RenewDeadline)}, {GoDuration.Format(options.LeaseDuration)}");
        }

        return options;
    }

    /// <summary>The API client's configuration from <paramref name="path"/>, with <paramref name="context"/> or the current one.</summary>
    public static KubernetesClientConfiguration ClientConfiguration(string path, string? context) =>
        KubernetesClientConfiguration.BuildConfigFromConfigFile(path, currentContext: context);

    private static void CheckKubeconfig(OptionReader reader, string path, string? context)
    {
        if (!File.Exists(path))
        {
            reader.Problem($"--kubeconfig '{path}' does not exist; pass the path of a kubeconfig file (make sandbox writes .sandbox/kubeconfig)");
            return;
        }

        try
        {
            if (context is not null)
            {
                var contexts = KubernetesClientConfiguration.LoadKubeConfig(path).Contexts?.Select(c => c.Name).ToList() ?? [];
                if (!contexts.Contains(context, StringComparer.Ordinal))
                {
                    var known = contexts.Count == 0 ? "it has none" : $"it has: {string.Join(", ", contexts)}";
                    reader.Problem($"--context '{context}' is not in --kubeconfig '{path}' ({known}); pass one of them, or leave --context out for its current context");
                    return;
                }
            }

            ClientConfiguration(path, context);
        }
        catch (Exception e) when (e is KubeConfigException or IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            reader.Problem($"--kubeconfig '{path}' cannot be used: {OneLine(e.Message)}; check it with kubectl --kubeconfig {path} config view");
        }
    }

    private static string OneLine(string text) => string.Join(' ', text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
