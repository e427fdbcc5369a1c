using System.Text.Json.Nodes;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class RefusalTests
{
    private const string Step = "steps: [{replicas: 1, matches: [{headers: [{name: my-request-id, value: canary}]}]}]";

    [Theory]
    [InlineData("traffic: {istio: {virtualServices: [vs-missing]}}", "VirtualService e2e/vs-missing (traffic.istio.virtualServices) does not exist")]
    [InlineData("traffic: {istio: {destinationRule: dr-missing}}", "DestinationRule e2e/dr-missing (traffic.istio.destinationRule) does not exist")]
    [InlineData("traffic: {service: nothing-here}", "no VirtualService routes to it")]
    [InlineData("canaryLabels: {istio.service.tag: gray}", "add `version` to canaryLabels")]
    public async Task Refused_routing_names_the_problem_and_writes_nothing(string settings, string message)
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var log = new RequestLog();
        var router = sandbox.Router(log);
        var release = await sandbox.ReleaseAsync("mockb-base", settings + "\n" + Step);

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);
        var state = await router.CheckAsync(release, 0, CancellationToken.None);

        Assert.Contains(outcome.Errors, e => e.Contains(message, StringComparison.Ordinal));
        Assert.False(outcome.Changed);
        Assert.Empty(log.Writes);
        Assert.False(state.Applied);
        Assert.True(state.Restored);
        Assert.Contains(state.Errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_reference_to_another_namespace_is_refused_without_reading_it()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var log = new RequestLog();
        var release = await sandbox.ReleaseAsync("mockb-base");
        // The strategy reader refuses such names at admission already; the router does not rely on it.
        var traffic = release.Strategy.Traffic with { Istio = release.Strategy.Traffic.Istio with { VirtualServices = ["other/vs-mockb"] } };
        release = release with { Strategy = release.Strategy with { Traffic = traffic } };

        var outcome = await sandbox.Router(log).ApplyAsync(release, 0, CancellationToken.None);

        var error = Assert.Single(outcome.Errors);
        Assert.Contains("references never leave the Deployment's namespace e2e", error, StringComparison.Ordinal);
        Assert.Empty(log.Requests);
    }

    [Fact]
    public async Task A_route_to_the_service_of_another_namespace_is_refused_and_nothing_written()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var vs = await sandbox.VirtualServiceAsync("vs-mockb");
        ((JsonArray)vs["spec"]!["http"]!).Insert(0, JsonNode.Parse("""{"match": [{"uri": {"prefix": "/prod"}}], "route": [{"destination": {"host": "mockb.prod.svc.cluster.local"}}]}"""));
        await sandbox.ReplaceAsync(vs);
        var log = new RequestLog();
        var release = await sandbox.ReleaseAsync("mockb-base");

        var outcome = await sandbox.Router(log).ApplyAsync(release, 0, CancellationToken.None);

        Assert.Contains(outcome.Errors, e => e.Contains("mockb.prod.svc.cluster.local", StringComparison.Ordinal) && e.Contains("another namespace", StringComparison.Ordinal));
        Assert.Empty(log.Writes);
    }

    [Fact]
    public async Task A_service_that_cannot_be_found_by_selector_asks_for_traffic_service()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        await sandbox.ApplyAsync("""
            apiVersion: v1
            kind: Service
            metadata: {name: mockb-admin, namespace: e2e}
            spec:
              ports: [{name: admin, port: 9000}]
              selector: {app: mockb}
            """);
        var release = await sandbox.ReleaseAsync("mockb-base", Step);

        var outcome = await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None);

        var error = Assert.Single(outcome.Errors);
        Assert.Contains("several Services select its pods (mockb, mockb-admin)", error, StringComparison.Ordinal);
        Assert.Contains("set traffic.service", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_service_and_virtualservices_are_found_by_host_when_the_strategy_names_none()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var release = await sandbox.ReleaseAsync("mockb-base", "canaryLabels: {istio.service.tag: gray, version: canary}\n" + Step);

        var outcome = await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None);

        Assert.Empty(outcome.Errors);
        CoreFixtures.AssertMatches(CoreFixtures.Expected("seed-mockb", "vs-mockb"), await sandbox.VirtualServiceAsync("vs-mockb"));
        CoreFixtures.AssertMatches(CoreFixtures.Expected("seed-mockb", "dr-mockb"), await sandbox.DestinationRuleAsync("dr-mockb"));
    }

    [Fact]
    public async Task Missing_istio_crds_are_named_as_such()
    {
        await using var sandbox = await RoutingSandbox.StartAsync(istio: false, seed: false);
        var release = await sandbox.ReleaseAsync("mockb-base");

        var outcome = await sandbox.Router().ApplyAsync(release, 0, CancellationToken.None);

        Assert.Contains(outcome.Errors, e => e.Contains("Istio's CRDs are missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_strategy_that_never_changes_routing_makes_no_api_call()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var log = new RequestLog();
        var router = sandbox.Router(log);
        var release = await sandbox.ReleaseAsync("mockb-base", "steps: [{replicas: 1}, {replicas: 50%, pause: 1m}]");

        var state = await router.CheckAsync(release, 0, CancellationToken.None);
        var applied = await router.ApplyAsync(release, 0, CancellationToken.None);
        var restored = await router.RestoreAsync(release, CancellationToken.None);

        Assert.Same(Greylane.Webhook.Traffic.RoutingState.Untouched, state);
        Assert.Same(Greylane.Webhook.Traffic.RoutingOutcome.Nothing, applied);
        Assert.Same(Greylane.Webhook.Traffic.RoutingOutcome.Nothing, restored);
        Assert.Empty(log.Requests);
    }
}
