using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Cli.Support.Tests;
using Greylane.Core;
using Greylane.Core.Release;
using Greylane.Core.Rollout;
using Greylane.Testing.Repository;
using Greylane.Testing.Waiting;
using k8s;
using k8s.Models;

namespace Greylane.Cli.RealController.Tests;

/// <summary>The command verbs answered by Greylane's real controller (the Greylane.Webhook process with --controller true).</summary>
/// <remarks>One sandbox and one controller process for the class; each test releases a Deployment of its own.</remarks>
public sealed class RealControllerTests(RealControllerFixture fixture, Xunit.Abstractions.ITestOutputHelper output) : IClassFixture<RealControllerFixture>
{
    private const string Strategy = "steps: [{replicas: 1, pause: manual}, {replicas: 1, pause: manual}]";

    private readonly CliSandbox _sandbox = fixture.Sandbox;
    private readonly ControllerProcess _controller = fixture.Controller;

    // A Deployment named for the test, with a release paused at step 1 by the real controller.
    private async Task ReleaseAsync(string name)
    {
        await _sandbox.DeployAsync(name, Strategy, replicas: 2);
        await _sandbox.ReadyAsync(name, stable: 2, canary: 0);
        await StartReleaseAsync(name, "app", $"example/{name}:3");
        await PhaseAsync(name, RolloutPhase.StepPaused);
    }

    [Fact]
    public async Task Status_shows_the_release_the_real_controller_runs()
    {
        await ReleaseAsync("status");

        var run = await _sandbox.RunAsync("status", "status", "-n", CliSandbox.Namespace);
        output.WriteLine(run.ToString());

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Phase:      StepPaused", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Step:       1/2 [##########----------]", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("Canary:     1/1 ready", run.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Promote_then_promote_full_are_reported_as_the_real_controller_acts()
    {
        await ReleaseAsync("promote");

        var promote = await _sandbox.RunAsync("promote", "promote", "-n", CliSandbox.Namespace);
        output.WriteLine(promote.ToString());
        await PhaseAsync("promote", RolloutPhase.StepPaused, step: 1);
        var full = await _sandbox.RunAsync("promote", "promote", "--full", "-n", CliSandbox.Namespace);
        output.WriteLine(full.ToString());

        Assert.True(promote.ExitCode == 0, promote + _controller.Output);
        Assert.StartsWith("promote: the controller acted on shop/promote: StepPaused (step 1) -> ", promote.Stdout, StringComparison.Ordinal);
        Assert.Contains("(step 2)", promote.Stdout, StringComparison.Ordinal);
        Assert.True(full.ExitCode == 0, full + _controller.Output);
        Assert.Matches(@"^promote-full: the controller acted on shop/promote: StepPaused \(step 2\) -> (Promoting|Finalizing|Completed)", full.Stdout);
        await PhaseAsync("promote", RolloutPhase.Completed);
    }

    [Fact]
    public async Task Pause_resume_abort_and_retry_are_reported_as_the_real_controller_acts()
    {
        await ReleaseAsync("steer");

        var pause = await _sandbox.RunAsync("pause", "steer", "-n", CliSandbox.Namespace);
        output.WriteLine(pause.ToString());
        var resume = await _sandbox.RunAsync("resume", "steer", "-n", CliSandbox.Namespace);
        output.WriteLine(resume.ToString());
        var abort = await _sandbox.RunAsync("abort", "steer", "-n", CliSandbox.Namespace);
        output.WriteLine(abort.ToString());
        await PhaseAsync("steer", RolloutPhase.RolledBack);
        var retry = await _sandbox.RunAsync("retry", "steer", "-n", CliSandbox.Namespace);
        output.WriteLine(retry.ToString());

        Assert.True(pause.ExitCode == 0, pause + _controller.Output);
        Assert.StartsWith("pause: the controller acted on shop/steer: phase still StepPaused (step 1) (paused by user)", pause.Stdout, StringComparison.Ordinal);
        Assert.StartsWith("resume: the controller acted on shop/steer: phase still StepPaused (step 1)\n", resume.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"^abort: the controller acted on shop/steer: StepPaused \(step 1\) -> (Aborting|RolledBack)", abort.Stdout);
        Assert.True(retry.ExitCode == 0, retry + _controller.Output);
        Assert.Matches(@"^retry: the controller acted on shop/steer: RolledBack -> (Initializing|StepScaling|StepRouting|StepAnalyzing|StepPaused)", retry.Stdout);
    }

    [Fact]
    public async Task A_command_that_does_not_apply_is_refused_before_it_reaches_the_controller()
    {
        await ReleaseAsync("refuse");

        var retry = await _sandbox.RunAsync("retry", "refuse", "-n", CliSandbox.Namespace);

        Assert.Equal(1, retry.ExitCode);
        Assert.StartsWith("error: retry applies only to a release that was rolled back; shop/refuse is in phase StepPaused", retry.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_seed_release_is_watched_and_steered_with_the_cli_through_istio_routing()
    {
        await _sandbox.Server.ApplyIstioCrdsAsync();
        var seed = RepositoryRoot.Combine("manifests", "samples", "seed");
        await _sandbox.Server.ApplyManifestsAsync(string.Join("\n---\n", SeedFiles.Select(f => File.ReadAllText(Path.Combine(seed, f)))));
        foreach (var name in new[] { "mocka-base", "mockb-base" })
        {
            await Eventually.TrueAsync(async () => (await _sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync(name, "e2e")).Status?.ReadyReplicas == 1, $"{name} ready", TimeSpan.FromSeconds(20));
            await StartReleaseAsync(name, "default", "greylane/sample-service:1.1", "e2e");
            await PhaseAsync(name, RolloutPhase.StepPaused, ns: "e2e");
        }

        var status = await _sandbox.RunAsync("status", "mocka-base", "-n", "e2e");
        var list = await _sandbox.RunAsync("status", "-n", "e2e");
        var promote = await _sandbox.RunAsync("promote", "mocka-base", "-n", "e2e");
        var abort = await _sandbox.RunAsync("abort", "mockb-base", "-n", "e2e");
        await PhaseAsync("mocka-base", RolloutPhase.Completed, ns: "e2e");
        await PhaseAsync("mockb-base", RolloutPhase.RolledBack, ns: "e2e");
        var after = await _sandbox.RunAsync("status", "-n", "e2e");
        output.WriteLine(string.Join("\n", status, list, promote, abort, after));

        Assert.Contains("Routing:    matches header my-request-id=canary", status.Stdout, StringComparison.Ordinal);
        Assert.Contains("Canary:     1/1 ready", status.Stdout, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^mocka-base\s+StepPaused\s+1/1\s+1/1\s+1/1", list.Stdout);
        Assert.Matches(@"(?m)^mockb-base\s+StepPaused\s+1/1\s+1/1\s+1/1", list.Stdout);
        Assert.Matches(@"^promote: the controller acted on e2e/mocka-base: StepPaused \(step 1\) -> (Promoting|Finalizing|Completed)", promote.Stdout);
        Assert.Matches(@"^abort: the controller acted on e2e/mockb-base: StepPaused \(step 1\) -> (Aborting|RolledBack)", abort.Stdout);
        Assert.Matches(@"(?m)^mocka-base\s+Completed\s+1/1\s+0/0", after.Stdout);
        Assert.Matches(@"(?m)^mockb-base\s+RolledBack\s+1/1\s+0/0", after.Stdout);
    }

    private static readonly string[] SeedFiles = ["namespace.yaml", "mocka.yaml", "mockb.yaml", "gateway.yaml", "destinationrules.yaml", "virtualservices.yaml"];

    // What Greylane's admission webhook does on a template change (it is not registered in this sandbox): pause the
    // Deployment and name the release and the stable template by their hashes. The managed label is set here too, as
    // Greylane would have set it, so that `status` without a name lists the Deployment.
    private async Task StartReleaseAsync(string name, string container, string image, string ns = CliSandbox.Namespace)
    {
        var before = await _sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        var stable = Hash(before.Spec.Template);
        var patch = new JsonObject
        {
            ["spec"] = new JsonObject
            {
                ["paused"] = true,
                ["template"] = new JsonObject { ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = container, ["image"] = image }) } },
            },
        };
        var after = await _sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(patch.ToJsonString(), V1Patch.PatchType.StrategicMergePatch), name, ns);
        var annotations = new JsonObject { [GreylaneKeys.Release] = Hash(after.Spec.Template), [GreylaneKeys.Stable] = stable };
        var mark = new JsonObject { ["metadata"] = new JsonObject { ["annotations"] = annotations, ["labels"] = new JsonObject { [GreylaneKeys.Managed] = "true" } } };
        await _sandbox.Client.AppsV1.PatchNamespacedDeploymentAsync(new V1Patch(mark.ToJsonString(), V1Patch.PatchType.MergePatch), name, ns);
    }

    private static string Hash(V1PodTemplateSpec template) => TemplateHash.Compute(JsonDocument.Parse(KubernetesJson.Serialize(template)).RootElement);

    private Task PhaseAsync(string name, RolloutPhase phase, int step = 0, string ns = CliSandbox.Namespace) => Eventually.TrueAsync(async () =>
    {
        var deployment = await _sandbox.Client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        var status = RolloutStatusJson.Read(deployment.Metadata.Annotations.TryGetValue(GreylaneKeys.Status, out var json) ? json : null);
        return status.Phase == phase && (phase != RolloutPhase.StepPaused || status.Step == step);
    }, $"{name} in phase {phase}; controller output:\n{_controller.Output}", TimeSpan.FromSeconds(60));
}
