using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;

namespace Greylane.Cli.Plan.Tests;

/// <summary>plan finds routing objects by the controller's rule (RoutingDiscovery) and refuses what the controller refuses.</summary>
public sealed class PlanDiscoveryTests : IDisposable
{
    private const string Steps = "{canaryLabels: {version: canary}, steps: [{matches: [{headers: [{name: beta, value: 'yes'}]}], pause: manual}]}";

    private const string Pay = """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: pay
          namespace: bank
          annotations:
            greylane.dev/enabled: "true"
            greylane.dev/strategy: "STRATEGY"
        spec:
          replicas: 2
          selector:
            matchLabels: {app: pay}
          template:
            metadata:
              labels: {app: pay, version: base}
            spec:
              containers: [{name: pay, image: example/pay:2}]
        ---
        apiVersion: v1
        kind: Service
        metadata: {name: pay, namespace: bank}
        spec:
          selector: {app: pay}
          ports: [{name: http, port: 80}]
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: VirtualService
        metadata: {name: pay, namespace: bank}
        spec:
          hosts: [pay]
          http:
            - route:
                - destination: {host: pay, subset: stable}
        ---
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: pay-short, namespace: bank}
        spec:
          host: pay
          subsets: [{name: stable, labels: {version: base}}]
        """;

    private const string SecondRule = """
        apiVersion: networking.istio.io/v1beta1
        kind: DestinationRule
        metadata: {name: pay-fqdn, namespace: bank}
        spec:
          host: pay.bank.svc.cluster.local
          subsets: [{name: stable, labels: {version: base}}]
        """;

    private static readonly Dictionary<string, string> NoCluster = [];
    private readonly string _dir = Directory.CreateTempSubdirectory("greylane-plan-discovery-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Two_destinationrules_for_the_host_are_refused_with_the_controllers_message_and_exit_1()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("pay.yaml", With(Steps) + "\n---\n" + SecondRule));

        Assert.Equal(1, run.ExitCode);
        Assert.Contains(
            "error: Deployment bank/pay: Service bank/pay: several DestinationRules are for its host (pay-short, pay-fqdn); name the one to use in traffic.istio.destinationRule\n",
            run.Stderr,
            StringComparison.Ordinal);
        Assert.Contains("traffic: Service pay; routing refused as the controller refuses it (see the errors), so it is not previewed", run.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("+++", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task One_destinationrule_for_the_host_is_previewed()
    {
        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("pay.yaml", With(Steps)));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("traffic: Service pay (subset mode), VirtualService pay, DestinationRule pay-short", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("+++ DestinationRule bank/pay-short (step 1)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Several_services_selecting_the_pods_are_refused_and_so_is_a_query_that_names_the_service()
    {
        var deployment = With("{canaryLabels: {version: canary}, steps: [{matches: [{headers: [{name: beta, value: 'yes'}]}], analysis: [up]}], analysis: {metrics: [{name: up, query: 'up{service=\\\"{{service}}\\\"}', min: 1}]}}");
        var admin = "apiVersion: v1\nkind: Service\nmetadata: {name: pay-admin, namespace: bank}\nspec:\n  selector: {app: pay}\n  ports: [{name: admin, port: 9090}]\n";

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("pay.yaml", deployment + "\n---\n" + admin));

        Assert.Equal(1, run.ExitCode);
        const string Several = "Deployment bank/pay: several Services select its pods (pay, pay-admin); set traffic.service in the strategy to the one its VirtualServices route to";
        Assert.Contains($"error: {Several}\n", run.Stderr, StringComparison.Ordinal);
        Assert.Contains($"error: Deployment bank/pay step 1: metric up: {{{{service}}}} has no value: {Several}\n", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_step_that_changes_routing_an_ambiguity_is_only_a_note()
    {
        var deployment = With("{steps: [{replicas: 1, pause: manual}]}");

        var run = await CliRunner.RunAsync(NoCluster, "plan", "-f", Write("pay.yaml", deployment + "\n---\n" + SecondRule));

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("note: Service bank/pay: several DestinationRules are for its host (pay-short, pay-fqdn); name the one to use in traffic.istio.destinationRule (no step changes routing, so the controller does not refuse it)", run.Stdout, StringComparison.Ordinal);
    }

    private static string With(string strategy) => Pay.Replace("STRATEGY", strategy, StringComparison.Ordinal);

    private string Write(string name, string text)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
