using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class InvalidStrategyTests
{
    [Fact]
    public async Task A_shared_strategy_broken_after_admission_holds_the_release_and_says_what_to_fix()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyManifestsAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: lane, namespace: shop}
            data:
              strategy.yaml: "steps: [{replicas: 1, pause: manual}]"
            """);
        await bed.StartControllerAsync();
        await bed.CreateAsync(Deployment("web", "{}").Replace("greylane.dev/enabled: \"true\"", "greylane.dev/enabled: \"true\"\n    greylane.dev/strategy-ref: lane", StringComparison.Ordinal));
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => d.Status?.AvailableReplicas == 2, "web available");
        await bed.Sandbox.ApplyManifestsAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: lane, namespace: shop}
            data:
              strategy.yaml: "steps: [{replicas: 1, weight: 150}]"
            """);

        await bed.SetImageAsync("web", "app", "web:v2");

        var held = await Eventually.UntilAsync(
            () => bed.GetAsync("web"), d => Status(d).Message?.StartsWith("the strategy is invalid", StringComparison.Ordinal) == true, "the error in the status");
        Assert.Contains("strategy-ref:steps[0].weight: 150 is outside 0–100", Status(held).Message, StringComparison.Ordinal);
        Assert.True(held.Spec.Paused);
        Assert.Equal(RolloutPhase.Idle, Phase(held));
        Assert.Empty(await bed.CanariesAsync());
        // The Event is recorded after the status write the wait above saw, so it may come a moment later.
        await Eventually.UntilAsync(
            async () => (await bed.Client.CoreV1.ListNamespacedEventAsync(ControllerBed.Namespace)).Items,
            events => events.Any(e => e.Reason == "StrategyInvalid" && e.Type == "Warning"), "a StrategyInvalid Warning Event");
    }

    [Fact]
    public async Task A_missing_shared_strategy_is_named_with_the_fix()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.StartControllerAsync();
        await bed.CreateAsync(Deployment("web", "{}").Replace("greylane.dev/enabled: \"true\"", "greylane.dev/enabled: \"true\"\n    greylane.dev/strategy-ref: nowhere", StringComparison.Ordinal));
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => d.Status?.AvailableReplicas == 2, "web available");

        await bed.SetImageAsync("web", "app", "web:v2");

        var held = await Eventually.UntilAsync(
            () => bed.GetAsync("web"), d => Status(d).Message?.StartsWith("the strategy is invalid", StringComparison.Ordinal) == true, "the error in the status");
        Assert.Contains("ConfigMap shop/nowhere with key strategy.yaml was not found; create it in the Deployment's namespace or remove the annotation", Status(held).Message, StringComparison.Ordinal);
        Assert.Empty(await bed.CanariesAsync());
    }

    [Fact]
    public async Task A_shared_strategy_the_yaml_parser_cannot_read_is_reported_not_thrown()
    {
        // YamlDotNet once answered "\t\t: x" with an ArgumentException: the reconcile threw on every attempt and
        // backed off forever with no status and no Event.
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyManifestsAsync("""
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: lane, namespace: shop}
            data:
              strategy.yaml: "\t\t: x"
            """);
        await bed.StartControllerAsync();
        await bed.CreateAsync(Deployment("web", "{}").Replace("greylane.dev/enabled: \"true\"", "greylane.dev/enabled: \"true\"\n    greylane.dev/strategy-ref: lane", StringComparison.Ordinal));
        await Eventually.UntilAsync(() => bed.GetAsync("web"), d => d.Status?.AvailableReplicas == 2, "web available");

        await bed.SetImageAsync("web", "app", "web:v2");

        var held = await Eventually.UntilAsync(
            () => bed.GetAsync("web"), d => Status(d).Message?.StartsWith("the strategy is invalid", StringComparison.Ordinal) == true, "the error in the status");
        Assert.Contains("strategy-ref: not valid YAML or JSON at line 1, column 1: a tab indents this line (YAML indents with spaces only); fix the syntax there", Status(held).Message, StringComparison.Ordinal);
        Assert.True(held.Spec.Paused);
        Assert.Empty(await bed.CanariesAsync());
        var events = (await bed.Client.CoreV1.ListNamespacedEventAsync(ControllerBed.Namespace)).Items;
        Assert.Contains(events, e => e.Reason == "StrategyInvalid" && e.Type == "Warning" && e.Message.Contains("a tab indents this line", StringComparison.Ordinal));
    }
}
