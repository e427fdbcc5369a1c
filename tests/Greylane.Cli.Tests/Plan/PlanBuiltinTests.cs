using Greylane.Cli.Support.Tests;

namespace Greylane.Cli.Plan.Tests;

public sealed class PlanBuiltinTests : IDisposable
{
    private const string OwnQuery = """query: sum(rate(http_requests_total{namespace="{{namespace}}",release="{{release}}",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",pod_template_hash="{{stable}}"}[1m]))""";

    private static readonly Dictionary<string, string> NoCluster = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("greylane-plan-builtin-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Plan_shows_both_sides_built_in_queries_exactly_as_the_controller_sends_them()
    {
        var path = Path.Combine(_dir, "web.yaml");
        await File.WriteAllTextAsync(path, PlanManifests.WebDeployment.Replace(OwnQuery, "builtin: success-rate\n            compare: stable", StringComparison.Ordinal));

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", path);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("success-rate: want canary >= stable - 0.01 and >= 0.99; 3 passes needed", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(
            """query \(canary\): sum\(rate\(istio_requests_total\{reporter="destination",destination_workload_namespace="shop",destination_canonical_service="web",destination_canonical_revision="[0-9a-f]+",response_code!~"5\.\.",namespace="shop"\}\[1m\]\)\) / sum\(rate\(istio_requests_total\{reporter="destination",destination_workload_namespace="shop",destination_canonical_service="web",destination_canonical_revision="[0-9a-f]+",namespace="shop"\}\[1m\]\)\)""",
            run.Stdout);
        Assert.Matches("""query \(stable\): .*destination_canonical_revision!="[0-9a-f]+",response_code!~"5\.\.",namespace="shop"\}""", run.Stdout);
    }
}
