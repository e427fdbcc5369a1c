using Greylane.Webhook.Analysis;
using Greylane.Webhook.Controller;
using Greylane.Webhook.Notifications;

namespace Greylane.Webhook.Hosting;

/// <summary>
/// Every setting of the Greylane process — webhook, controller (with leader election) and Prometheus — read and validated
/// in one place, once, from the command line and the environment. Every problem is collected, so that a start with a bad
/// command line names all of them (one line each) rather than the first.
/// </summary>
internal sealed record GreylaneOptions(WebhookOptions Webhook, ControllerOptions Controller, PrometheusOptions Prometheus)
{
    /// <summary>Where release notifications go (operator settings only).</summary>
    public NotifyOptions Notify { get; init; } = NotifyOptions.None;

    /// <summary>
    /// Reads the settings from <paramref name="configuration"/>; <paramref name="args"/>, when given, are also checked for
    /// flags Greylane does not know (a misspelt flag would otherwise be ignored without a word). Throws
    /// <see cref="WebhookOptionsException"/> holding every problem.
    /// </summary>
    public static GreylaneOptions From(IConfiguration configuration, IReadOnlyList<string>? args = null)
    {
        var reader = new OptionReader(configuration);
        foreach (var problem in CommandLineFlags.Unknown(args ?? []))
        {
            reader.Problem(problem);
        }

        var options = new GreylaneOptions(WebhookOptions.Read(reader), ControllerOptions.Read(reader), PrometheusOptions.Read(reader))
        {
            Notify = NotifyOptions.Read(reader, args ?? []),
        };
        return reader.Problems.Count == 0 ? options : throw new WebhookOptionsException(reader.Problems);
    }
}
