using System.Text.Json.Nodes;
using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using Microsoft.Extensions.DependencyInjection;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Notifications.Tests;

/// <summary>Real controllers in the sandbox, sending to a loopback receiver.</summary>
public sealed class ReleaseNotificationTests
{
    private const string Everything = """
        steps:
          - replicas: 1
            pause: manual
          - replicas: 50%
            pause: 0s
        notify:
          on: [started, step-passed, paused, resumed, promoted, rolled-back, superseded]
        """;

    [Fact]
    public async Task A_promoted_release_tells_every_step_of_the_way_once_each()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var bed = await ControllerBed.StartAsync();
        await StartAsync(bed, receiver);
        await bed.DeployAsync("web", Everything);

        await bed.ReleaseToPauseAsync("web");
        await UntilAsync(receiver, "started", "paused");
        await bed.CommandAsync("web", "pause");
        await UntilAsync(receiver, "started", "paused", "paused");
        await bed.CommandAsync("web", "resume");
        await UntilAsync(receiver, "started", "paused", "paused", "resumed");
        await bed.CommandAsync("web", "promote");
        await UntilAsync(receiver, "started", "paused", "paused", "resumed", "step-passed", "step-passed", "promoted");

        Assert.Equal(["started", "paused", "paused", "resumed", "step-passed", "step-passed", "promoted"], Types(receiver));
        Assert.Equal(["step", "command"], receiver.Events.Where(e => Type(e) == "paused").Select(e => (string?)e["data"]!["reason"]));
        Assert.Equal([1, 2], receiver.Events.Where(e => Type(e) == "step-passed").Select(e => (int)e["data"]!["step"]!));
        AllOnceAndValid(receiver);
        var release = Status(await bed.GetAsync("web")).Release;
        Assert.All(receiver.Events, e => Assert.Equal(release, (string)e["subject"]!));
        Assert.All(receiver.Events, e => Assert.Equal($"/namespaces/{ControllerBed.Namespace}/deployments/web", (string)e["source"]!));
    }

    [Fact]
    public async Task A_release_aborted_by_command_is_rolled_back_for_abort()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var bed = await ControllerBed.StartAsync();
        await StartAsync(bed, receiver);
        await bed.DeployAsync("web", OneStep);

        await bed.ReleaseToPauseAsync("web");
        await bed.CommandAsync("web", "abort");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.RolledBack, "rolled back");
        await UntilAsync(receiver, "started", "paused", "rolled-back");

        Assert.Equal(["started", "paused", "rolled-back"], Types(receiver));
        var rolledBack = receiver.Events[^1]["data"]!;
        Assert.Equal(("abort", "Aborting", 1), ((string?)rolledBack["reason"], (string?)rolledBack["phase"], (int)rolledBack["step"]!));
        AllOnceAndValid(receiver);
    }

    [Fact]
    public async Task A_superseded_release_is_told_about_and_the_new_one_starts()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var bed = await ControllerBed.StartAsync();
        await StartAsync(bed, receiver);
        await bed.DeployAsync("web", OneStep);

        await bed.ReleaseToPauseAsync("web");
        await UntilAsync(receiver, "started", "paused");
        await bed.SetImageAsync("web", "app", "web:v3");
        await UntilAsync(receiver, "started", "paused", "superseded", "started", "paused");

        Assert.Equal(["started", "paused", "superseded", "started", "paused"], Types(receiver));
        var subjects = receiver.Events.Select(e => (string)e["subject"]!).ToList();
        Assert.Equal(subjects[0], subjects[2]);
        Assert.NotEqual(subjects[0], subjects[3]);
        Assert.Equal(subjects[3], Status(await bed.GetAsync("web")).Release);
        AllOnceAndValid(receiver);
    }

    [Fact]
    public async Task A_dead_receiver_never_holds_a_release_up()
    {
        await using var bed = await ControllerBed.StartAsync();
        var options = Senders.Options(NotificationReceiver.DeadUrl()) with { RetryFor = TimeSpan.FromMinutes(10), RetryDelayMax = TimeSpan.FromSeconds(30) };
        var replica = await bed.StartControllerAsync(services: s => s.AddSingleton(options));
        await bed.DeployAsync("web", ThreeSteps);

        await bed.SetImageAsync("web", "app", "web:v2");

        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted while every notification still waits");
        var metrics = replica.Services.GetRequiredService<NotificationMetrics>();
        Assert.Equal(0, metrics.Value(NotificationSink.CloudEvents, Core.Notifications.NotificationType.Started, NotificationMetrics.Delivered));
        await Eventually.TrueAsync(() => metrics.Value(NotificationSink.CloudEvents, Core.Notifications.NotificationType.Started, NotificationMetrics.Retried) >= 1, "the sender still trying");
    }

    [Fact]
    public async Task A_new_leader_does_not_send_again_what_the_old_one_delivered()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var bed = await ControllerBed.StartAsync();
        var a = await StartAsync(bed, receiver, "replica-a");
        await bed.DeployAsync("web", OneStep);
        await bed.ReleaseToPauseAsync("web");
        await UntilAsync(receiver, "started", "paused");
        var b = await StartAsync(bed, receiver, "replica-b");

        await a.DisposeAsync();
        await Eventually.UntilAsync(
            () => bed.Client.CoordinationV1.ReadNamespacedLeaseAsync("greylane-controller", "greylane-system"),
            l => l.Spec.HolderIdentity == "replica-b",
            "replica-b leads");
        await bed.CommandAsync("web", "promote");
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Phase(d) == RolloutPhase.Completed, "promoted by replica-b");
        await UntilAsync(receiver, "started", "paused", "promoted");

        Assert.Equal(["started", "paused", "promoted"], Types(receiver));
        AllOnceAndValid(receiver);
        Assert.Equal(1, b.Services.GetRequiredService<NotificationMetrics>().Value(NotificationSink.CloudEvents, Core.Notifications.NotificationType.Promoted, NotificationMetrics.Delivered));
    }

    private static Task<ControllerReplica> StartAsync(ControllerBed bed, NotificationReceiver receiver, string identity = "replica-a") =>
        bed.StartControllerAsync(identity, services: s => s.AddSingleton(Senders.Options(receiver.Url)));

    /// <summary>Waits until the receiver took as many notifications as <paramref name="types"/> lists (the failure shows which it took).</summary>
    private static async Task UntilAsync(NotificationReceiver receiver, params string[] types) =>
        await Eventually.UntilAsync(() => Types(receiver), t => t.Count >= types.Length, $"notifications {string.Join(", ", types)}", describe: t => string.Join(", ", t));

    private static List<string> Types(NotificationReceiver receiver) => [.. receiver.Events.Select(Type)];

    private static string Type(JsonObject e) => ((string)e["type"]!)["dev.greylane.release.".Length..];

    private static void AllOnceAndValid(NotificationReceiver receiver)
    {
        Assert.All(receiver.Delivered, r => Assert.StartsWith("application/cloudevents+json", r.ContentType, StringComparison.Ordinal));
        Assert.Equal(receiver.Events.Count, receiver.Events.Select(e => (string)e["id"]!).Distinct().Count());
        Assert.All(receiver.Events, CloudEventFormatTests.SpecRules);
    }
}
