using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Plan.Tests;

public sealed class PlanTests : IDisposable
{
    private static readonly Dictionary<string, string> NoCluster = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("greylane-plan-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Plan_of_the_seed_manifests_matches_its_snapshot()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", RepositoryRoot.Combine("manifests", "samples", "seed"));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Empty(run.Stderr);
        Snapshot.Match("seed.txt", run.Stdout);
    }

    [Fact]
    public async Task Plan_of_weights_and_analysis_shows_host_mode_services_split_routes_and_rendered_queries()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("web.yaml", PlanManifests.WebDeployment), "-f", Write("routing.yaml", PlanManifests.WebRouting));

        Assert.True(run.ExitCode == 0, run.ToString());
        Snapshot.Match("weights-and-analysis.txt", run.Stdout);
        Assert.Contains("canary: 2 pods (replicas: 50% of 4)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("--- /dev/null\n    +++ Service shop/web-canary (step 2)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+      weight: 20", run.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"query: sum\(rate\(http_requests_total\{namespace=""shop"",release=""[0-9a-f]{10}"",code!~""5\.\.""\}\[1m\]\)\) / sum\(rate\(http_requests_total\{namespace=""shop"",pod_template_hash=""<stable>""\}\[1m\]\)\)", run.Stdout);
    }

    [Fact]
    public async Task Plan_of_an_invalid_strategy_prints_every_error_with_its_field_and_exits_1()
    {
        var manifest = PlanManifests.WebDeployment.Replace("weight: 20", "weight: 120", StringComparison.Ordinal).Replace("pause: 2m", "pause: soon", StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("web.yaml", manifest));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("strategy: invalid (2 problems)", run.Stdout, StringComparison.Ordinal);
        var errors = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(2, errors.Length);
        Assert.StartsWith("error: Deployment shop/web: steps[1].weight: ", errors[0], StringComparison.Ordinal);
        Assert.StartsWith("error: Deployment shop/web: steps[1].pause: ", errors[1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_refuses_routing_the_controller_would_refuse()
    {
        // Without version: canary, the stable subset (version: base) would also select canary pods.
        var seed = RepositoryRoot.Combine("manifests", "samples", "seed");
        var mocka = File.ReadAllText(Path.Combine(seed, "mocka.yaml")).Replace("        version: canary\n", "", StringComparison.Ordinal);

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("mocka.yaml", mocka), "-f", Path.Combine(seed, "virtualservices.yaml"), "-f", Path.Combine(seed, "destinationrules.yaml"));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: Deployment e2e/mocka-base step 1: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("add `version` to canaryLabels", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_without_routing_objects_previews_the_rest_and_says_how_to_add_them()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("web.yaml", PlanManifests.WebDeployment));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("no Service found for the pods; routing is not previewed (pass the Service's manifest with -f, or name it in traffic.service)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("query: ", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_reads_a_shared_strategy_from_a_configmap_in_the_files()
    {
        var deployment = PlanManifests.Minimal.Replace("greylane.dev/enabled: \"true\"", "greylane.dev/enabled: \"true\"\n    greylane.dev/strategy-ref: lane", StringComparison.Ordinal);
        var map = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lane, namespace: shop}\ndata:\n  strategy.yaml: |\n    steps: [{replicas: 1, pause: 30s}, {replicas: 2}]\n";

        var without = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("d.yaml", deployment));
        var with = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("both.yaml", deployment + "\n---\n" + map));

        Assert.Equal(1, without.ExitCode);
        Assert.Contains("greylane.dev/strategy-ref: ConfigMap shop/lane with key strategy.yaml was not found; create it in the Deployment's namespace or remove the annotation", without.Stderr, StringComparison.Ordinal);
        Assert.Contains("plan reads the ConfigMap of greylane.dev/strategy-ref from the given files only; pass its manifest with -f", without.Stdout, StringComparison.Ordinal);
        Assert.True(with.ExitCode == 0, with.ToString());
        Assert.Contains("Step 2/2", with.Stdout, StringComparison.Ordinal);
        Assert.Contains("pause: 30s", with.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_of_a_deployment_without_strategy_shows_the_default_one_step_manual_release()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("d.yaml", PlanManifests.Minimal));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Step 1/1\n    canary: 1 pod (replicas: 1 of 3)\n    pause: manual (waits for kubectl greylane promote)\n    routing: unchanged", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_notes_a_deployment_that_is_not_opted_in()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("d.yaml", PlanManifests.Minimal.Replace("\"true\"", "\"false\"", StringComparison.Ordinal)));

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("not opted in (greylane.dev/enabled is not \"true\"): Greylane leaves its rollouts alone", run.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "plan needs the Deployment's manifest")]
    [InlineData("missing.yaml", "missing.yaml (from -f) does not exist")]
    [InlineData("service-only.yaml", "no Deployment in the given files")]
    [InlineData("broken.yaml", "is not valid YAML at line 3")]
    public async Task Plan_input_problems_are_named(string file, string error)
    {
        Write("service-only.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: web}\n");
        Write("broken.yaml", "kind: Deployment\nmetadata: [name: {\n");
        string[] args = file.Length == 0 ? ["plan"] : ["plan", "-f", Path.Combine(_dir, file)];

        var run = await CliRunner.RunAsync(NoCluster, args);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(error, run.Stderr, StringComparison.Ordinal);
    }

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
