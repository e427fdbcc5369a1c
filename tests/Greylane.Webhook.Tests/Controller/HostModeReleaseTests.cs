using Greylane.Core.Rollout;
using Greylane.Testing.Hosts;
using Greylane.Testing.Waiting;
using k8s;
using k8s.Models;
using static Greylane.Testing.Hosts.Releases;

namespace Greylane.Webhook.Controller.Tests;

public sealed class HostModeReleaseTests
{
    private const string Mesh = """
        apiVersion: v1
        kind: Service
        metadata: {name: web, namespace: shop}
        spec:
          ports: [{name: http, port: 8080}]
          selector: {app: web}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: vs-web, namespace: shop}
        spec:
          hosts: [web]
          http:
          - route:
            - destination: {host: web, port: {number: 8080}}
        """;

    private const string Weighted = """
        traffic: {gracePeriod: 1s}
        steps:
          - replicas: 1
            weight: 30
            pause: manual
        """;

    [Fact]
    public async Task A_host_mode_rollback_keeps_the_stable_service_off_the_canary_until_the_canary_is_gone()
    {
        await using var bed = await ControllerBed.StartAsync();
        await bed.Sandbox.ApplyIstioCrdsAsync();
        await bed.Sandbox.ApplyManifestsAsync(Mesh);
        await bed.StartControllerAsync();
        await bed.DeployAsync("web", Weighted);
        await bed.ReleaseToPauseAsync("web");
        Assert.True(await PinnedAsync(bed));
        Assert.NotNull(await CanaryServiceAsync(bed));

        await bed.CommandAsync("web", "abort");

        var unpinnedWhileCanaryLived = false;
        await Eventually.UntilAsync(
            async () =>
            {
                var deployment = await bed.GetAsync("web");
                if (!await PinnedAsync(bed) && (await bed.CanariesAsync()).Count > 0)
                {
                    unpinnedWhileCanaryLived = true;
                }

                return deployment;
            },
            d => Phase(d) == RolloutPhase.RolledBack,
            "rolled back");
        Assert.False(unpinnedWhileCanaryLived, "the stable Service selected every pod while the canary still ran");
        await Eventually.UntilAsync(() => PinnedAsync(bed), pinned => !pinned, "the stable Service unpinned");
        Assert.Null(await CanaryServiceAsync(bed));
        var service = await bed.Client.CoreV1.ReadNamespacedServiceAsync("web", ControllerBed.Namespace);
        Assert.Equal(new Dictionary<string, string> { ["app"] = "web" }, service.Spec.Selector);
        Assert.DoesNotContain("greylane.dev/origin", service.Metadata.Annotations?.Keys ?? []);
    }

    private static async Task<bool> PinnedAsync(ControllerBed bed) =>
        (await bed.Client.CoreV1.ReadNamespacedServiceAsync("web", ControllerBed.Namespace)).Spec.Selector.ContainsKey("pod-template-hash");

    private static async Task<V1Service?> CanaryServiceAsync(ControllerBed bed) =>
        (await bed.Client.CoreV1.ListNamespacedServiceAsync(ControllerBed.Namespace)).Items.FirstOrDefault(s => s.Metadata.Name == "web-canary");
}
