using System.Net;
using System.Text.Json.Nodes;
using Greylane.Cli.Arguments;
using Greylane.Cli.Kube;
using Greylane.Core;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Cli.Commands;

/// <summary><c>promote [--full] | abort | pause | resume | retry DEPLOYMENT</c>: set the command annotation, wait for the controller, report.</summary>
internal static class ControlCommand
{
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(ParsedArgs args, KubeTarget target, CliConsole console, CancellationToken ct)
    {
        var verb = args.Verb!;
        if (args.Positionals.Count != 1)
        {
            throw new CliException($"{verb} needs exactly one Deployment name, e.g. kubectl greylane {verb} mocka-base -n e2e");
        }

        if (args.Switch("full") && verb != "promote")
        {
            throw new CliException($"--full applies only to promote (promote --full skips the remaining steps)");
        }

        var timeout = Timeout(args.Option("timeout"));
        var name = args.Positionals[0];
        var command = CommandRules.Value(verb, args.Switch("full"));
        var (before, sent) = await CommandSender.SendAsync(target.Client, target.Namespace, name, verb, command, ct);
        var after = await WaitAsync(target, name, sent, timeout, ct);
        if (after is null)
        {
            throw new CliException(
                $"the controller has not acted on `{command}` for {target.Namespace}/{name} within {GoDuration.Format(timeout)}; the command stays set and is applied when the controller runs. "
                + "Check that it is running: kubectl get pods -n greylane-system -l app.kubernetes.io/name=greylane, and its logs: kubectl logs -n greylane-system deploy/greylane",
                ExitCodes.NotActed);
        }

        var status = RolloutStatusJson.Read(Deployments.Annotation(after, GreylaneKeys.Status));
        var change = before.Phase == status.Phase && before.Step == status.Step
            ? $"phase still {Describe(status)}"
            : $"{Describe(before)} -> {Describe(status)}";
        await console.Out.WriteLineAsync($"{command}: the controller acted on {target.Namespace}/{name}: {change}");
        if (status.Message is { Length: > 0 } message)
        {
            await console.Out.WriteLineAsync($"message: {message}");
        }

        return ExitCodes.Ok;
    }

    private static TimeSpan Timeout(string? text)
    {
        if (text is null)
        {
            return DefaultTimeout;
        }

        return GoDuration.TryParse(text, out var value) && value > TimeSpan.Zero
            ? value
            : throw new CliException($"--timeout {text} is not a duration; write a positive number with a unit ({GoDuration.Units}), e.g. 30s or 2m");
    }

    // Done when the annotation is gone: the controller removes it in the same write as the status it decided.
    private static async Task<V1Deployment?> WaitAsync(KubeTarget target, string name, V1Deployment sent, TimeSpan timeout, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        var rv = sent.Metadata.ResourceVersion;
        try
        {
            while (true)
            {
                var events = target.Client.AppsV1.WatchListNamespacedDeploymentAsync(
                    target.Namespace, fieldSelector: $"metadata.name={name}", resourceVersion: rv, onError: _ => { }, cancellationToken: deadline.Token);
                await foreach (var (type, deployment) in events)
                {
                    if (type == WatchEventType.Deleted)
                    {
                        throw new CliException($"Deployment {target.Namespace}/{name} was deleted while waiting for the controller");
                    }

                    if (type is WatchEventType.Added or WatchEventType.Modified && deployment?.Metadata is not null)
                    {
                        rv = deployment.Metadata.ResourceVersion;
                        if (Deployments.Annotation(deployment, GreylaneKeys.Command) is null)
                        {
                            return deployment;
                        }
                    }
                }

                // The stream closed (server timeout or expired version): look once, then watch again from now.
                var current = await Deployments.ReadAsync(target.Client, target.Namespace, name, deadline.Token);
                if (Deployments.Annotation(current, GreylaneKeys.Command) is null)
                {
                    return current;
                }

                rv = current.Metadata.ResourceVersion;
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null;
        }
    }

    private static string Describe(RolloutStatus status) =>
        status.Phase + (status.Phase.IsStep ? $" (step {status.Step + 1})" : "") + (status.PausedByUser ? " (paused by user)" : "");
}
