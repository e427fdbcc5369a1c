using Greylane.Demo.Setup;
using Greylane.Demo.Story;
using Greylane.Demo.Support.Tests;
using Greylane.Testing.Output;
using Xunit.Abstractions;

namespace Greylane.Demo.Tests;

/// <summary><c>make demo ARGS=--gateway-api</c>: the same story routed by HTTPRoutes (about 30 s; bounded by <see cref="DemoRun.DefaultLimit"/>).</summary>
[Collection(RealProcesses.Name)]
public sealed class GatewayApiDemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_gateway_api_demo_tells_the_same_story_with_httproutes_carrying_the_lane()
    {
        var writer = new SharedWriter();

        DemoOutcome outcome;
        try
        {
            var settings = new DemoSettings { Strategy = DemoStrategies.ForGatewayApi, GatewayApi = true, UsePrometheus = false, UseKubectl = false };
            outcome = await DemoRun.RunAsync(settings, writer, DemoRun.DefaultLimit, CancellationToken.None);
        }
        finally
        {
            output.WriteLine(writer.ToString());
        }

        Assert.True(outcome.Succeeded, string.Join("\n", outcome.Problems));
        var narration = writer.ToString();
        Assert.Contains("applied manifests/samples/seed-gateway-api", narration, StringComparison.Ordinal);
        Assert.Contains("HTTPRoute/mockb changed (original kept in annotation greylane.dev/origin)", narration, StringComparison.Ordinal);
        Assert.Contains("+   - name: greylane-mockb-base-1", narration, StringComparison.Ordinal);
        Assert.Contains("-> mockb(version: canary", narration, StringComparison.Ordinal);
    }
}
