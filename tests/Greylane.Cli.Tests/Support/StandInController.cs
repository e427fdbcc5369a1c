using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Tests.Support;

/// <summary>
/// A STAND-IN for Greylane's controller, not the controller: it watches Deployments and answers each
/// <c>greylane.dev/command</c> the way the step machine's notes describe (docs/notes/machine.md), writing a new status and
/// removing the command in one write. It lets the CLI's command round-trip be tested before the real controller exists.
/// </summary>
internal sealed class StandInController : IAsyncDisposable
{
    private readonly CliSandbox sandbox;
    private readonly int steps;
    private readonly CancellationTokenSource stop = new();
    private readonly Task loop;

    private StandInController(CliSandbox sandbox, int steps)
    {
        this.sandbox = sandbox;
        this.steps = steps;
        loop = Task.Run(RunAsync);
    }

    /// <summary>Commands it has acted on, in order.</summary>
    public List<string> Handled { get; } = [];

    public static StandInController Start(CliSandbox sandbox, int steps = 2) => new(sandbox, steps);

    private async Task RunAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                var list = await sandbox.Client.AppsV1.ListNamespacedDeploymentAsync(CliSandbox.Namespace, cancellationToken: stop.Token);
                foreach (var deployment in list.Items)
                {
                    await ActAsync(deployment);
                }

                var events = sandbox.Client.AppsV1.WatchListNamespacedDeploymentAsync(
                    CliSandbox.Namespace, resourceVersion: list.Metadata.ResourceVersion, onError: _ => { }, cancellationToken: stop.Token);
                await foreach (var (type, deployment) in events)
                {
                    if (type is WatchEventType.Added or WatchEventType.Modified)
                    {
                        await ActAsync(deployment);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (k8s.Autorest.HttpOperationException)
            {
                // A conflict with the CLI's own write: the next event brings the current object.
            }
        }
    }

    private async Task ActAsync(V1Deployment deployment)
    {
        if (deployment.Metadata.Annotations?.TryGetValue(GreylaneKeys.Command, out var command) != true)
        {
            return;
        }

        var status = RolloutStatusJson.Read(deployment.Metadata.Annotations.TryGetValue(GreylaneKeys.Status, out var json) ? json : null);
        var next = Decide(status, command!);
        var patch = new JsonObject
        {
            ["metadata"] = new JsonObject
            {
                ["resourceVersion"] = deployment.Metadata.ResourceVersion,
                ["annotations"] = new JsonObject { [GreylaneKeys.Command] = null, [GreylaneKeys.Status] = RolloutStatusJson.Write(next) },
            },
        };
        // Recorded before the write: the CLI may see the write and the test assert before this task resumes.
        lock (Handled)
        {
            Handled.Add(command!);
        }

        try
        {
            await sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(
                new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch), deployment.Metadata.Name, CliSandbox.Namespace, cancellationToken: stop.Token);
        }
        catch (k8s.Autorest.HttpOperationException)
        {
            lock (Handled)
            {
                Handled.RemoveAt(Handled.Count - 1);
            }

            throw;
        }
    }

    private RolloutStatus Decide(RolloutStatus status, string command) => command switch
    {
        "promote" when status.Step + 1 < steps => Move(status, RolloutPhase.StepScaling, status.Step + 1, RolloutTrigger.Promote, $"promoted to step {status.Step + 2}/{steps}"),
        "promote" => Move(status, RolloutPhase.Promoting, status.Step, RolloutTrigger.Promote, "promoting: the Deployment rolls out the new template"),
        "promote-full" => Move(status, RolloutPhase.Promoting, status.Step, RolloutTrigger.PromoteFull, "promoting: the Deployment rolls out the new template"),
        "abort" => Move(status, RolloutPhase.RolledBack, status.Step, RolloutTrigger.Abort, "aborted by a person: routing restored, canary removed"),
        "pause" => status with { PausedByUser = true, Message = "paused by a person; resume with kubectl greylane resume" },
        "resume" => status with { PausedByUser = false, Message = "resumed" },
        "retry" => Move(status, RolloutPhase.StepScaling, 0, RolloutTrigger.Retry, "retrying from step 1"),
        _ => status with { Message = $"unknown command {command}: ignored" },
    };

    private static RolloutStatus Move(RolloutStatus status, RolloutPhase to, int step, RolloutTrigger trigger, string message) => status with
    {
        Phase = to,
        Step = step,
        Reason = trigger,
        Message = message,
        History = [.. status.History, new TransitionRecord(status.Phase, to, trigger, DateTimeOffset.UtcNow)],
    };

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        await loop;
        stop.Dispose();
    }
}
