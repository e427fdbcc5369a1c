using Greylane.Cli.Support.Tests;

namespace Greylane.Cli.Plan.Tests;

public sealed class PlanTenancyTests : IDisposable
{
    private const string OwnQuery = """query: sum(rate(http_requests_total{namespace="{{namespace}}",release="{{release}}",code!~"5.."}[1m])) / sum(rate(http_requests_total{namespace="{{namespace}}",pod_template_hash="{{stable}}"}[1m]))""";

    private static readonly Dictionary<string, string> NoCluster = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("greylane-plan-tenancy-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Plan_shows_each_query_scoped_to_the_deployments_namespace_as_the_controller_sends_it()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("web.yaml", With("""query: 'sum(rate(http_requests_total{code!~"5.."}[1m])) # a comment stays'""")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("queries: kept in namespace shop (label namespace), as the controller sends them with --prometheus-tenancy on", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("""query: sum(rate(http_requests_total{code!~"5..",namespace="shop"}[1m])) # a comment stays""", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_refuses_a_query_for_another_namespace_as_admission_would()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("web.yaml", With("""query: sum(secret_metric{namespace="kube-system"})""")));

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            """error: Deployment shop/web: analysis.metrics[0].query: secret_metric{namespace="kube-system"} reads namespace kube-system; queries may only read their own namespace shop: remove the namespace matcher or use {{namespace}}""",
            run.Stderr.TrimEnd('\n'));
    }

    [Fact]
    public async Task With_tenancy_off_plan_shows_queries_as_written()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "--prometheus-tenancy", "off", "-f", Write("web.yaml", With("""query: sum(secret_metric{namespace="kube-system"})""")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("queries: sent as written, as the controller does with --prometheus-tenancy off", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("""query: sum(secret_metric{namespace="kube-system"})""", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_uses_the_tenancy_label_it_is_given()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "--prometheus-tenancy-label=kubernetes_namespace", "-f", Write("web.yaml", With("query: sum(up)")));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("""query: sum(up{kubernetes_namespace="shop"})""", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--prometheus-tenancy", "maybe", "--prometheus-tenancy 'maybe' is not on or off")]
    [InlineData("--prometheus-tenancy-label", "k8s.ns", "--prometheus-tenancy-label 'k8s.ns' is not a Prometheus label name")]
    public async Task A_wrong_tenancy_flag_is_named_with_its_fix(string flag, string value, string message)
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", flag, value, "-f", Write("web.yaml", PlanManifests.WebDeployment));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(message, run.Stderr, StringComparison.Ordinal);
    }

    private static string With(string query) => PlanManifests.WebDeployment.Replace(OwnQuery, query, StringComparison.Ordinal);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
