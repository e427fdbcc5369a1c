using Greylane.Core.Rollout;
using static Greylane.Webhook.Tests.Controller.Releases;

namespace Greylane.Webhook.Tests.Controller;

/// <summary>
/// <c>{{service}}</c> follows routing discovery: when it finds no single Service, a query using it is refused with
/// discovery's message (no query is sent with a guessed name), and the release is held like for a rejected query.
/// </summary>
public sealed class ServiceVariableTests
{
    private const string Gated = """
        steps:
          - replicas: 1
            analysis: [up]
        analysis:
          interval: 1s
          metrics:
            - name: up
              query: up{service="{{service}}"}
              min: 1
        """;

    [Fact]
    public async Task Several_services_selecting_the_pods_hold_the_release_with_the_discovery_message()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyManifestsAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: shop}
            spec:
              ports: [{name: http, port: 8080}]
              selector: {app: web}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web-admin, namespace: shop}
            spec:
              ports: [{name: admin, port: 9090}]
              selector: {app: web}
            """);
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", Gated);

        await bed.SetImageAsync("web", "app", "web:v2");

        var held = await Eventually.UntilAsync(() => bed.GetAsync("web"), d => Status(d) is { Phase: RolloutPhase.StepPaused, Held: true }, "held on the refused query");
        Assert.Contains(
            "{{service}} has no value: Deployment shop/web: several Services select its pods (web, web-admin); set traffic.service in the strategy to the one its VirtualServices route to",
            Status(held).Message,
            StringComparison.Ordinal);
    }
}
