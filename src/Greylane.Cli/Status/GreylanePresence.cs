using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Cli.Status;

/// <summary>
/// Whether Greylane runs in the cluster, as far as the user may see: a controller holding its Lease, and a
/// MutatingWebhookConfiguration with Greylane's webhook (which labels opted-in Deployments and holds their releases).
/// </summary>
internal sealed record GreylanePresence(PresenceCheck Controller, PresenceCheck Webhook)
{
    public const string LeaseNamespace = "greylane-system";

    public const string LeaseName = "greylane-controller";

    /// <summary>Greylane's webhook names end so in every install (manifests and chart: deployments.greylane.dev).</summary>
    public const string WebhookNameSuffix = ".greylane.dev";

    // Renewals are judged on the user's clock against the controller's: allow for clocks that disagree by this much.
    private static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    public static async Task<GreylanePresence> ReadAsync(IKubernetes client, DateTimeOffset now, CancellationToken ct) =>
        new(await ControllerAsync(client, now, ct), await WebhookAsync(client, ct));

    /// <summary>The Lease has a holder that renewed it within its duration (the controller releases it when it stops).</summary>
    public static PresenceCheck JudgeLease(V1Lease? lease, DateTimeOffset now)
    {
        var name = $"Lease {LeaseNamespace}/{LeaseName}";
        if (lease?.Spec is not { } spec)
        {
            return new(false, $"{name} does not exist");
        }

        if (string.IsNullOrEmpty(spec.HolderIdentity))
        {
            return new(false, $"{name} has no holder");
        }

        var duration = TimeSpan.FromSeconds(spec.LeaseDurationSeconds is { } seconds && seconds > 0 ? seconds : 15);
        if (spec.RenewTime is not { } renewed)
        {
            return new(false, $"{name} names {spec.HolderIdentity} but was never renewed");
        }

        var age = now - new DateTimeOffset(DateTime.SpecifyKind(renewed, DateTimeKind.Utc));
        return age <= duration + ClockSkew
            ? new(true, $"{name} is held by {spec.HolderIdentity}")
            : new(false, $"{name} was last renewed by {spec.HolderIdentity} {Ago(age)} ago, longer than its {duration.TotalSeconds:0}s lease");
    }

    private static async Task<PresenceCheck> ControllerAsync(IKubernetes client, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return JudgeLease(await client.CoordinationV1.ReadNamespacedLeaseAsync(LeaseName, LeaseNamespace, cancellationToken: ct), now);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return JudgeLease(null, now);
        }
        catch (HttpOperationException e)
        {
            return PresenceCheck.Unknown($"reading Lease {LeaseNamespace}/{LeaseName} was refused ({Answer(e)})");
        }
    }

    private static async Task<PresenceCheck> WebhookAsync(IKubernetes client, CancellationToken ct)
    {
        try
        {
            var list = await client.AdmissionregistrationV1.ListMutatingWebhookConfigurationAsync(cancellationToken: ct);
            var greylane = list.Items.FirstOrDefault(c => c.Webhooks?.Any(w => w.Name.EndsWith(WebhookNameSuffix, StringComparison.Ordinal)) == true);
            return greylane is null
                ? new(false, $"no MutatingWebhookConfiguration has a Greylane webhook (*{WebhookNameSuffix})")
                : new(true, $"MutatingWebhookConfiguration {greylane.Metadata.Name} is registered");
        }
        catch (HttpOperationException e)
        {
            return PresenceCheck.Unknown($"listing MutatingWebhookConfigurations was refused ({Answer(e)})");
        }
    }

    private static string Answer(HttpOperationException e) => $"{(int)e.Response.StatusCode} {e.Response.StatusCode}";

    private static string Ago(TimeSpan age) =>
        age.TotalHours >= 1 ? $"{(int)age.TotalHours}h{age.Minutes}m" : age.TotalMinutes >= 1 ? $"{(int)age.TotalMinutes}m{age.Seconds}s" : $"{(int)age.TotalSeconds}s";
}
