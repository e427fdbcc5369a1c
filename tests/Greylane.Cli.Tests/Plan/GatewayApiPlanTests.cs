using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Plan.Tests;

public sealed class GatewayApiPlanTests : IDisposable
{
    private static readonly Dictionary<string, string> NoCluster = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("greylane-plan-gateway-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Plan_of_the_gateway_api_seed_previews_the_canary_service_the_pin_and_the_httproute_lane_rules()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", RepositoryRoot.Combine("manifests", "samples", "seed-gateway-api"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Snapshot.Match("seed-gateway-api.txt", run.Stdout);
    }

    [Fact]
    public async Task Plan_refuses_when_both_virtualservices_and_httproutes_send_to_the_service_and_the_strategy_names_neither()
    {
        var seed = RepositoryRoot.Combine("manifests", "samples", "seed-gateway-api");
        var mocka = File.ReadAllText(Path.Combine(seed, "mocka.yaml")).Replace("        gatewayAPI:\n          httpRoutes: [mocka]\n", "", StringComparison.Ordinal);
        var virtualService = """
            apiVersion: networking.istio.io/v1beta1
            kind: VirtualService
            metadata: {name: vs-mocka, namespace: e2e}
            spec:
              hosts: [mocka]
              http:
              - route:
                - destination: {host: mocka}
            """;

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("mocka.yaml", mocka), "-f", Path.Combine(seed, "httproutes.yaml"), "-f", Write("vs.yaml", virtualService));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("both Istio VirtualServices (vs-mocka) and Gateway API routes (HTTPRoute mocka) send to Service mocka", run.Stdout + run.Stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
