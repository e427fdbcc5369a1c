using System.Text.Json.Nodes;
using Greylane.Cli.Support.Tests;
using Greylane.Core.Rollout;
using Greylane.Testing.Waiting;
using k8s;

namespace Greylane.Cli.Status.Tests;

public sealed class StatusTests : IAsyncLifetime
{
    private CliSandbox _sandbox = null!;

    public async Task InitializeAsync() => _sandbox = await CliSandbox.StartAsync();

    public async Task DisposeAsync() => await _sandbox.DisposeAsync();

    [Fact]
    public async Task Status_shows_phase_step_bar_replicas_routing_metrics_message_and_history()
    {
        var deployment = await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing, replicas: 2);
        await _sandbox.CanaryAsync(deployment, "aaaa111111", 1);
        await _sandbox.ReadyAsync("checkout", stable: 2, canary: 1);

        var run = await _sandbox.RunAsync("status", "checkout", "-n", CliSandbox.Namespace);

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Deployment: shop/checkout", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Phase:      StepAnalyzing  since 2026-11-26T06:03:00Z", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Release:    aaaa111111 (replacing bbbb222222)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Step:       2/2 [##########----------]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Canary:     1/1 ready", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Stable:     2/2 ready", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Routing:    weight 20% canary / 80% stable", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("success-rate: last 0.995 Pass (want >= 0.99)  passed 2/3  failed 1 (limit 1)  inconclusive 0 (limit 3)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Message:    step 2/2: analysing success-rate (2/3 passed)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("2026-11-26T06:03:00Z  StepRouting -> StepAnalyzing  (GraceElapsed)", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_step_with_matches_shows_the_lane_and_the_matches()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps.Replace("my-request-id, value: canary}]}]", "beta, value: yes, type: Prefix}]}]", StringComparison.Ordinal), Releases.PausedAtStep1);

        var run = await _sandbox.RunAsync("status", "checkout", "-n", CliSandbox.Namespace);

        Assert.Contains("Routing:    matches header my-request-id=canary | header beta^=yes", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Step:       1/2 [##########----------]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_json_is_a_stable_document_for_scripts()
    {
        var deployment = await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing, replicas: 2);
        await _sandbox.CanaryAsync(deployment, "aaaa111111", 1);
        await _sandbox.ReadyAsync("checkout", stable: 2, canary: 1);

        var run = await _sandbox.RunAsync("status", "checkout", "-n", CliSandbox.Namespace, "-o", "json");

        var doc = JsonNode.Parse(run.Stdout)!.AsObject();
        Assert.Equal("greylane.dev/v1", (string?)doc["apiVersion"]);
        Assert.Equal("ReleaseStatus", (string?)doc["kind"]);
        Assert.Equal("StepAnalyzing", (string?)doc["phase"]);
        Assert.Equal(2, (int?)doc["step"]);
        Assert.Equal(2, (int?)doc["steps"]);
        Assert.Equal(1, (int?)doc["replicas"]!["canary"]!["ready"]);
        Assert.Equal(2, (int?)doc["replicas"]!["stable"]!["ready"]);
        Assert.Equal(20, (int?)doc["routing"]!["weight"]);
        var metric = doc["metrics"]![0]!;
        Assert.Equal(("success-rate", 0.995, 0.99, 2, 3, 1, 1), ((string?)metric["name"], (double?)metric["lastValue"], (double?)metric["min"], (int?)metric["passed"], (int?)metric["count"], (int?)metric["failed"], (int?)metric["failureLimit"]));
        Assert.Equal("GraceElapsed", (string?)doc["history"]![3]!["trigger"]);
        Assert.Equal(
            ["apiVersion", "kind", "namespace", "deployment", "optedIn", "phase", "pausedByUser", "held", "step", "steps", "release", "stable", "since", "message", "pendingCommand", "replicas", "routing", "metrics", "history", "strategyErrors"],
            doc.Select(p => p.Key));
    }

    [Fact]
    public async Task Status_without_a_name_lists_every_managed_deployment_of_the_namespace()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing);
        await _sandbox.DeployAsync("cart", null, null);
        await _sandbox.DeployAsync("legacy", managed: false, optedIn: false);

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.True(run.ExitCode == 0, run.ToString());
        var lines = run.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("NAME", lines[0], StringComparison.Ordinal);
        Assert.Matches(@"^cart\s+Idle\s+0/1\s+0/0\s+\d/2$", lines[1]);
        Assert.Matches(@"^checkout\s+StepAnalyzing\s+2/2\s+0/1\s+\d/2\s+step 2/2: analysing success-rate \(2/3 passed\)$", lines[2]);
        Assert.DoesNotContain("legacy", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_list_as_json_holds_one_item_per_deployment()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.Analyzing);
        await _sandbox.DeployAsync("cart");

        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace, "-o", "json");

        var doc = JsonNode.Parse(run.Stdout)!;
        Assert.Equal("ReleaseStatusList", (string?)doc["kind"]);
        Assert.Equal(["cart", "checkout"], doc["items"]!.AsArray().Select(i => (string?)i!["deployment"]));
    }

    [Fact]
    public async Task Status_of_an_empty_namespace_says_no_deployment_is_opted_in()
    {
        var run = await _sandbox.RunAsync("status", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No opted-in Deployments in namespace shop", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_of_a_missing_deployment_names_it_and_exits_1()
    {
        var run = await _sandbox.RunAsync("status", "nope", "-n", CliSandbox.Namespace);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: Deployment shop/nope not found; check the name and the namespace (kubectl get deployments -n shop), or pass -n\n", run.Stderr);
        Assert.Empty(run.Stdout);
    }

    [Fact]
    public async Task Status_of_a_deployment_with_no_release_yet_is_idle()
    {
        await _sandbox.DeployAsync("cart");

        var run = await _sandbox.RunAsync("status", "cart", "-n", CliSandbox.Namespace);

        Assert.Contains("Phase:      Idle", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Step:       0/1 [--------------------]", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_shows_an_invalid_strategy_with_its_field_and_fix()
    {
        await _sandbox.DeployAsync("cart", "steps: [{replicas: 1, weight: 120}]", Releases.PausedAtStep1);

        var run = await _sandbox.RunAsync("status", "cart", "-n", CliSandbox.Namespace);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Strategy:   invalid: steps[0].weight:", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_says_when_a_deployment_is_not_opted_in()
    {
        await _sandbox.DeployAsync("legacy", optedIn: false);

        var run = await _sandbox.RunAsync("status", "legacy", "-n", CliSandbox.Namespace);

        Assert.Contains("shop/legacy  (not opted in: annotation greylane.dev/enabled is not \"true\")", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_refuses_an_unknown_output_format()
    {
        var run = await _sandbox.RunAsync("status", "cart", "-n", CliSandbox.Namespace, "-o", "yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("output format `yaml` is not supported; use -o json", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Status_watch_reprints_on_every_change_until_cancelled()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);
        using var cancel = new CancellationTokenSource();
        var (run, stdout, _) = CliRunner.Start(_sandbox.Environment, cancel.Token, "status", "checkout", "-n", CliSandbox.Namespace, "--watch", "-o", "json");
        await Eventually.TrueAsync(() => stdout.ToString().Contains("\"StepPaused\"", StringComparison.Ordinal), "the first print", TimeSpan.FromSeconds(20));

        await _sandbox.WriteStatusAsync("checkout", Releases.Analyzing);
        await Eventually.TrueAsync(() => stdout.ToString().Contains("\"StepAnalyzing\"", StringComparison.Ordinal), "a print after the change", TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
        var phases = stdout.ToString().TrimEnd('\n').Split('\n').Select(l => (string?)JsonNode.Parse(l)!["phase"]).Distinct();
        Assert.Equal(["StepPaused", "StepAnalyzing"], phases);
    }

    [Fact]
    public async Task Status_watch_without_a_name_reprints_the_table()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);
        using var cancel = new CancellationTokenSource();
        var (run, stdout, _) = CliRunner.Start(_sandbox.Environment, cancel.Token, "status", "-n", CliSandbox.Namespace, "-w");
        await Eventually.TrueAsync(() => stdout.ToString().Contains("StepPaused", StringComparison.Ordinal), "the first table", TimeSpan.FromSeconds(20));

        await _sandbox.WriteStatusAsync("checkout", Releases.In(RolloutPhase.Promoting));
        await Eventually.TrueAsync(() => stdout.ToString().Contains("Promoting", StringComparison.Ordinal), "a table after the change", TimeSpan.FromSeconds(20));
        await cancel.CancelAsync();

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task Status_watch_ends_when_the_deployment_is_deleted()
    {
        await _sandbox.DeployAsync("checkout", Releases.TwoSteps, Releases.PausedAtStep1);
        var (run, stdout, _) = CliRunner.Start(_sandbox.Environment, CancellationToken.None, "status", "checkout", "-n", CliSandbox.Namespace, "--watch");
        await Eventually.TrueAsync(() => stdout.ToString().Contains("StepPaused", StringComparison.Ordinal), "the first print", TimeSpan.FromSeconds(20));

        await _sandbox.Client.AppsV1.DeleteNamespacedDeploymentAsync("checkout", CliSandbox.Namespace);

        Assert.Equal(0, await run.WaitAsync(TimeSpan.FromSeconds(20)));
        Assert.EndsWith("Deployment shop/checkout was deleted.\n", stdout.ToString(), StringComparison.Ordinal);
    }
}
