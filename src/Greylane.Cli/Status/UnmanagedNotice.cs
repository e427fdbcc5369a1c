using Greylane.Core;

namespace Greylane.Cli.Status;

/// <summary>
/// What <c>status</c> says about opted-in Deployments Greylane has never seen (no <c>greylane.dev/managed</c> label, no
/// status): a problem with its fix when Greylane's webhook is visibly not registered (nothing labels or holds them, so
/// their releases ship unguarded), else a note on how they get labelled.
/// </summary>
internal static class UnmanagedNotice
{
    public static (string Line, bool Problem) For(IReadOnlyList<string> deployments, string ns, GreylanePresence presence)
    {
        var (controller, webhook) = (presence.Controller, presence.Webhook);
        var named = $"{(deployments.Count == 1 ? "Deployment" : "Deployments")} {string.Join(", ", deployments)} of namespace {ns}";
        var which = "the opted-in " + named;
        var (are, them, their) = deployments.Count == 1 ? ("is", "it", "its") : ("are", "them", "their");
        if (webhook.Seen == false)
        {
            var line = controller.Seen switch
            {
                false => $"Greylane is not running in this cluster: {controller.Detail} and {webhook.Detail}, so {which} {are} not managed: "
                    + $"{their} template changes roll out unguarded. Install Greylane and check that it runs (README, \"Installing on a real "
                    + $"cluster\"; kubectl get pods -n {GreylanePresence.LeaseNamespace}); to try it locally, make sandbox starts a cluster with Greylane running in it (README, \"The playground\")",
                true => $"Greylane's webhook is not registered: {webhook.Detail}, although its controller runs ({controller.Detail}); "
                    + $"without the webhook nothing labels or holds opted-in Deployments, so {which} {are} not managed. "
                    + "Apply the MutatingWebhookConfiguration of your install (kubectl apply -k manifests/overlays/…, or helm upgrade)",
                null => $"Greylane's webhook is not registered: {webhook.Detail}, so {which} {are} not managed and {their} template changes "
                    + $"roll out unguarded (the controller could not be checked: {controller.Detail}). Install Greylane, or apply the "
                    + "MutatingWebhookConfiguration of your install (README, \"Installing on a real cluster\")",
            };
            return (line, true);
        }

        var note = $"{named} {are} opted in but not labelled {GreylaneKeys.Managed}, so Greylane has not seen {them} yet: its webhook labels "
            + $"a Deployment at its next change, or label {them} now: kubectl label deployment {string.Join(' ', deployments)} -n {ns} {GreylaneKeys.Managed}=true";
        if (controller.Seen == false)
        {
            note += $". {controller.Detail}: check that Greylane's controller runs (kubectl get pods -n {GreylanePresence.LeaseNamespace})";
        }

        foreach (var unknown in new[] { webhook, controller }.Where(c => c.Seen is null))
        {
            note += $". Could not check: {unknown.Detail}";
        }

        return (note, false);
    }
}
