using Greylane.Demo.Narration;
using Greylane.Demo.Traffic;

namespace Greylane.Demo.Setup;

/// <summary>The demo's own part of the environment (not the playground's): the seed sample, the narrator, a trickle of traffic.</summary>
internal sealed partial class DemoEnvironment
{
    private async Task SetUpStoryAsync(DemoSettings settings, CancellationToken cancellationToken)
    {
        Own(new Narrator(Sandbox.Store, DemoNames.Namespace, Output));
        string? StrategyFor(string name) => settings.Strategy(name, Prometheus is not null);
        GatewayApi = settings.GatewayApi;
        var seed = SeedManifests.Load(StrategyFor, settings.GatewayApi);
        await Sandbox.ApplyManifestsAsync(seed, cancellationToken);
        Output.Line(settings.GatewayApi
            ? $"applied manifests/samples/seed-gateway-api (namespace {DemoNames.Namespace}: mocka and mockb Services and Deployments, Gateways, HTTPRoutes: mocka's on the Gateway, mockb's on its Service)"
            : $"applied manifests/samples/seed (namespace {DemoNames.Namespace}: mocka and mockb Services and Deployments, Gateway, DestinationRules, VirtualServices)");
        Output.Line(SeedChanges.Describe(StrategyFor));
        await WaitServingAsync(cancellationToken);
        Traffic = Own(new TrafficTrickle(Mesh.GatewayUrl, settings.TrafficPeriod));
        Output.Line($"gateway at {Mesh.GatewayUrl}; sending a trickle of requests, with and without '{DemoNames.LaneHeader}: {DemoNames.LaneValue}'");
    }

    private async Task WaitServingAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        var last = "";
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(Mesh.GatewayUrl, timeout.Token);
                last = await response.Content.ReadAsStringAsync(timeout.Token);
                if (response.IsSuccessStatusCode && last.Contains("mockb", StringComparison.Ordinal))
                {
                    return;
                }

                await Task.Delay(100, timeout.Token);
            }
            catch (OperationCanceledException) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"the seed's services did not answer through the gateway within 30s; last answer: {last}; pod problems: {string.Join("; ", Pods.Problems)}");
            }
        }
    }
}
