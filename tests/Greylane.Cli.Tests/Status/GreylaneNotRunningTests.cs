using Greylane.Cli.Support.Tests;
using Greylane.Testing.Repository;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Status.Tests;

/// <summary><c>status</c> where opted-in Deployments exist that Greylane has never labelled, with Greylane running or not.</summary>
public sealed class GreylaneNotRunningTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await CliSandbox.StartAsync();
        await _sandbox.Server.ApplyManifestsAsync("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: greylane-system\n");
    }

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Status_says_greylane_is_not_running_instead_of_no_opted_in_deployments()
    {
        await _sandbox.DeployAsync("checkout", managed: false);
        await _sandbox.DeployAsync("cart", managed: false);

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Empty(run.Stdout);
        Assert.Equal(
            "error: Greylane is not running in this cluster: Lease greylane-system/greylane-controller does not exist and no "
            + "MutatingWebhookConfiguration has a Greylane webhook (*.greylane.dev), so the opted-in Deployments cart, checkout of "
            + "namespace shop are not managed: their template changes roll out unguarded. Install Greylane and check that it runs "
            + "(README, \"Installing on a real cluster\"; kubectl get pods -n greylane-system); to try it locally, make sandbox starts a cluster with Greylane running in it (README, \"The playground\")\n",
            run.Stderr);
    }

    [Fact]
    public async Task Status_of_an_empty_namespace_where_greylane_is_not_running_points_at_make_sandbox()
    {
        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No opted-in Deployments in namespace shop", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("note: Greylane is not running in this cluster either (Lease greylane-system/greylane-controller does not exist", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("make sandbox starts a cluster with Greylane running in it; then source .sandbox/env and kubectl apply -k manifests/samples/seed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_one_unseen_deployment_shows_it_and_says_why_it_is_not_managed()
    {
        await _sandbox.DeployAsync("cart", managed: false);

        var run = await _sandbox.RunAsync("status", "cart", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("Phase:      Idle", run.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("error: Greylane is not running in this cluster: ", run.Stderr, StringComparison.Ordinal);
        Assert.Contains("so the opted-in Deployment cart of namespace shop is not managed", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_lease_last_renewed_long_ago_or_released_is_no_running_controller()
    {
        await _sandbox.DeployAsync("cart", managed: false);
        await LeaseAsync("greylane-7d9f", DateTime.UtcNow.AddMinutes(-10));

        var stale = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);
        await _sandbox.Client.CoordinationV1.DeleteNamespacedLeaseAsync("greylane-controller", "greylane-system");
        await LeaseAsync(null, DateTime.UtcNow);
        var released = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(1, stale.ExitCode);
        Assert.Matches(@"^error: Greylane is not running in this cluster: Lease greylane-system/greylane-controller was last renewed by greylane-7d9f 10m\d+s ago, longer than its 15s lease and no MutatingWebhookConfiguration", stale.Stderr);
        Assert.StartsWith("error: Greylane is not running in this cluster: Lease greylane-system/greylane-controller has no holder and", released.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_running_controller_without_the_webhook_is_named_as_the_problem()
    {
        await _sandbox.DeployAsync("cart", managed: false);
        await LeaseAsync("greylane-7d9f", DateTime.UtcNow);

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(
            "error: Greylane's webhook is not registered: no MutatingWebhookConfiguration has a Greylane webhook (*.greylane.dev), although its "
            + "controller runs (Lease greylane-system/greylane-controller is held by greylane-7d9f); without the webhook nothing labels or holds",
            run.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_greylane_running_an_unseen_deployment_gets_a_note_on_how_it_is_labelled()
    {
        await _sandbox.DeployAsync("checkout");
        await _sandbox.DeployAsync("cart", managed: false);
        await LeaseAsync("greylane-7d9f", DateTime.UtcNow);
        await WebhookAsync();

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.StartsWith("NAME", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("checkout", run.Stdout, StringComparison.Ordinal);
        Assert.Equal(
            "note: Deployment cart of namespace shop is opted in but not labelled greylane.dev/managed, so Greylane has not seen it yet: "
            + "its webhook labels a Deployment at its next change, or label it now: kubectl label deployment cart -n shop greylane.dev/managed=true\n",
            run.Stderr);
    }

    [Fact]
    public async Task With_the_webhook_but_no_lease_holder_the_note_points_at_the_controller()
    {
        await _sandbox.DeployAsync("cart", managed: false);
        await WebhookAsync();

        var run = await _sandbox.RunAsync("status", "cart", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.EndsWith(
            ". Lease greylane-system/greylane-controller does not exist: check that Greylane's controller runs (kubectl get pods -n greylane-system)\n",
            run.Stderr,
            StringComparison.Ordinal);
    }

    [Fact]
    public async Task What_the_user_may_not_read_is_said_to_be_unchecked()
    {
        await _sandbox.DeployAsync("cart", managed: false);
        await using var proxy = ForbiddingProxy.Start(_sandbox.Server.BaseAddress, "leases", "mutatingwebhookconfigurations");
        await using var leaseOnly = ForbiddingProxy.Start(_sandbox.Server.BaseAddress, "leases");

        var neither = await RunThroughAsync(proxy, "status", "-n", CliSandbox.Namespace);
        var noLease = await RunThroughAsync(leaseOnly, "status", "-n", CliSandbox.Namespace);

        Assert.Equal(0, neither.ExitCode);
        Assert.StartsWith("note: Deployment cart of namespace shop is opted in but not labelled greylane.dev/managed", neither.Stderr, StringComparison.Ordinal);
        Assert.EndsWith(
            ". Could not check: listing MutatingWebhookConfigurations was refused (403 Forbidden). "
            + "Could not check: reading Lease greylane-system/greylane-controller was refused (403 Forbidden)\n",
            neither.Stderr,
            StringComparison.Ordinal);
        Assert.Equal(1, noLease.ExitCode);
        Assert.StartsWith("error: Greylane's webhook is not registered: no MutatingWebhookConfiguration has a Greylane webhook", noLease.Stderr, StringComparison.Ordinal);
        Assert.Contains("(the controller could not be checked: reading Lease greylane-system/greylane-controller was refused (403 Forbidden))", noLease.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployments_that_greylane_has_seen_need_no_word_about_it()
    {
        await _sandbox.DeployAsync("cart");
        await _sandbox.DeployAsync("legacy", optedIn: false, managed: false);

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.Empty(run.Stderr);
    }

    private async Task<CliRun> RunThroughAsync(ForbiddingProxy proxy, params string[] args)
    {
        var kubeconfig = proxy.Kubeconfig(_sandbox.KubeconfigPath, Path.Combine(_sandbox.Directory, $"kubeconfig-{proxy.Address.Port}"));
        return await CliRunner.RunAsync(new Dictionary<string, string>(_sandbox.Environment) { ["KUBECONFIG"] = kubeconfig }, args);
    }

    private Task LeaseAsync(string? holder, DateTime renewed) => _sandbox.Client.CoordinationV1.CreateNamespacedLeaseAsync(
        new V1Lease
        {
            Metadata = new V1ObjectMeta { Name = "greylane-controller", NamespaceProperty = "greylane-system" },
            Spec = new V1LeaseSpec { HolderIdentity = holder, LeaseDurationSeconds = 15, RenewTime = renewed, AcquireTime = renewed },
        },
        "greylane-system");

    // Registered for a request these tests never make, so the sandbox never calls it.
    private Task WebhookAsync() => _sandbox.Client.AdmissionregistrationV1.CreateMutatingWebhookConfigurationAsync(new V1MutatingWebhookConfiguration
    {
        Metadata = new V1ObjectMeta { Name = "greylane" },
        Webhooks =
        [
            new V1MutatingWebhook
            {
                Name = "deployments.greylane.dev",
                AdmissionReviewVersions = ["v1"],
                SideEffects = "None",
                FailurePolicy = "Ignore",
                ClientConfig = new Admissionregistrationv1WebhookClientConfig { Url = "https://127.0.0.1:9/mutate/deployments" },
                Rules = [new V1RuleWithOperations { ApiGroups = [""], ApiVersions = ["v1"], Resources = ["configmaps"], Operations = ["DELETE"] }],
            },
        ],
    });
}
