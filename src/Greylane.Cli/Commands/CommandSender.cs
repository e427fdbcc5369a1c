using System.Net;
using System.Text.Json.Nodes;
using Greylane.Cli.Kube;
using Greylane.Core;
using Greylane.Core.Rollout;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Cli.Commands;

/// <summary>Sets <c>greylane.dev/command</c> on a Deployment after the checks a user should hear about at once; shared by the verbs and the dashboard.</summary>
internal static class CommandSender
{
    /// <summary>
    /// Sends <paramref name="command"/> (the annotation value of <paramref name="verb"/>) and returns the status it was
    /// checked against and the Deployment as patched. Refusals (not found, not opted in, wrong phase, another command
    /// pending) are <see cref="CliException"/>s; the API server's own refusals (403 …) pass through as they are.
    /// </summary>
    public static async Task<(RolloutStatus Before, V1Deployment Sent)> SendAsync(IKubernetes client, string ns, string name, string verb, string command, CancellationToken ct)
    {
        // The patch carries the resourceVersion the phase was checked against, so a release that changed meanwhile is
        // checked again rather than sent a command that may no longer apply (409 → re-read).
        for (var attempt = 0; ; attempt++)
        {
            var deployment = await Deployments.ReadAsync(client, ns, name, ct);
            Deployments.RequireOptedIn(deployment);
            var status = RolloutStatusJson.Read(Deployments.Annotation(deployment, GreylaneKeys.Status));
            if (CommandRules.Refusal(verb, status.Phase, name, ns) is { } refusal)
            {
                throw new CliException(refusal);
            }

            if (Deployments.Annotation(deployment, GreylaneKeys.Command) is { } pending && pending != command)
            {
                throw new CliException($"command `{pending}` is still waiting for the controller on {ns}/{name}; wait for it (kubectl greylane status {name} -n {ns}) or remove it: kubectl annotate deployment {name} -n {ns} {GreylaneKeys.Command}-");
            }

            var patch = new JsonObject
            {
                ["metadata"] = new JsonObject
                {
                    ["resourceVersion"] = deployment.Metadata.ResourceVersion,
                    ["annotations"] = new JsonObject { [GreylaneKeys.Command] = command },
                },
            };
            try
            {
                var sent = await client.AppsV1.PatchNamespacedDeploymentAsync(
                    new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns, cancellationToken: ct);
                return (status, sent);
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
            }
        }
    }
}
