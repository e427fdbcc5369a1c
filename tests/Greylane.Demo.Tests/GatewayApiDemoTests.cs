using Greylane.Demo.Support.Tests;
using Greylane.Testing.Processes;
using Greylane.Testing.Repository;
using Xunit.Abstractions;

namespace Greylane.Demo.Tests;

/// <summary>
/// <c>make demo ARGS=--gateway-api</c>, run as a user runs it: the same story routed by HTTPRoutes, with Prometheus
/// when installed (release 2 then rolled back by the built-in comparison with stable). About a minute, make's
/// up-to-date build included; bounded at four.
/// </summary>
[Collection(RealProcesses.Name)]
public sealed class GatewayApiDemoTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Make_demo_with_gateway_api_tells_the_same_story_with_httproutes_carrying_the_lane()
    {
        var run = await ProcessRunner.RunAsync("make", ["-C", RepositoryRoot.Path, "--no-print-directory", "demo", "ARGS=--gateway-api"], TimeSpan.FromMinutes(4));
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("applied manifests/samples/seed-gateway-api", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("HTTPRoute/mockb changed (original kept in annotation greylane.dev/origin)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+   - name: greylane-mockb-base-1", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("-> mockb(version: canary", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("demo finished: both outcomes happened", run.Stdout, StringComparison.Ordinal);
    }
}
