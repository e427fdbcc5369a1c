using System.Net;
using System.Text.Json.Nodes;
using Greylane.Cli.Support.Tests;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Rollout;
using Greylane.Testing.Waiting;

namespace Greylane.Cli.Dashboard.Tests;

public sealed class DashboardApiTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardClient Client => fixture.Client;

    private CliSandbox Sandbox => fixture.Sandbox;

    [Fact]
    public async Task The_overview_lists_opted_in_Deployments_with_phase_step_and_readiness()
    {
        await Sandbox.DeployAsync("api-listed", Releases.TwoSteps, Releases.Analyzing);
        await Sandbox.DeployAsync("api-not-opted-in", optedIn: false, managed: false);

        var items = (await JsonAsync("/api/releases"))["items"]!.AsArray();

        var row = Assert.Single(items, i => i!["deployment"]!.GetValue<string>() == "api-listed")!;
        Assert.Equal("StepAnalyzing", row["phase"]!.GetValue<string>());
        Assert.Equal(2, row["step"]!.GetValue<int>());
        Assert.Equal(2, row["steps"]!.GetValue<int>());
        Assert.Equal("step 2/2: analysing success-rate (2/3 passed)", row["message"]!.GetValue<string>());
        Assert.NotNull(row["replicas"]!["stable"]!["ready"]);
        Assert.DoesNotContain(items, i => i!["deployment"]!.GetValue<string>() == "api-not-opted-in");
    }

    [Fact]
    public async Task A_release_shows_its_steps_metric_bounds_and_every_recorded_measurement()
    {
        var series = MeasurementSeries.Append([], 1, new Measurement("success-rate", MeasurementVerdict.Pass, 0.995, null, Releases.Start.AddMinutes(3)));
        series = MeasurementSeries.Append(series, 1, new Measurement("success-rate", MeasurementVerdict.Fail, 0.9, "below min", Releases.Start.AddMinutes(4)));
        await Sandbox.DeployAsync("api-detail", Releases.TwoSteps, Releases.Analyzing with { Measurements = series });

        var detail = await JsonAsync("/api/releases/shop/api-detail");

        var steps = detail["steps"]!.AsArray();
        Assert.Equal(["done", "current"], steps.Select(s => s!["state"]!.GetValue<string>()));
        Assert.Equal("manual", steps[0]!["pause"]!.GetValue<string>());
        Assert.Equal(["header my-request-id=canary"], steps[0]!["matches"]!.AsArray().Select(m => m!.GetValue<string>()));
        Assert.Equal(20, steps[1]!["weight"]!.GetValue<int>());
        Assert.Equal("50%", steps[1]!["replicas"]!.GetValue<string>());
        Assert.Equal(0.99, detail["metrics"]![0]!["min"]!.GetValue<double>());
        var measurements = detail["measurements"]!.AsArray();
        Assert.Equal(2, measurements.Count);
        Assert.Equal("Fail", measurements[1]!["measurement"]!["verdict"]!.GetValue<string>());
        Assert.Equal(0.9, measurements[1]!["measurement"]!["value"]!.GetValue<double>());
        Assert.Equal(4, detail["release"]!["history"]!.AsArray().Count);
    }

    [Fact]
    public async Task A_release_outside_the_dashboards_namespace_is_not_served()
    {
        using var answer = await Client.GetAsync("/api/releases/kube-system/coredns");

        Assert.Equal(HttpStatusCode.NotFound, answer.StatusCode);
        Assert.Contains("outside this dashboard", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_sets_the_same_annotation_the_CLI_sets()
    {
        await Sandbox.DeployAsync("api-command", Releases.TwoSteps, Releases.PausedAtStep1);

        using var answer = await Client.PostCommandAsync("shop", "api-command", "promote-full");

        Assert.Equal(HttpStatusCode.Accepted, answer.StatusCode);
        var deployment = await Sandbox.ReadAsync("api-command");
        Assert.Equal("promote-full", deployment.Metadata.Annotations[GreylaneKeys.Command]);
    }

    [Fact]
    public async Task A_command_that_does_not_apply_is_refused_with_the_CLIs_reason()
    {
        await Sandbox.DeployAsync("api-idle", Releases.TwoSteps, Releases.In(RolloutPhase.Completed));

        using var answer = await Client.PostCommandAsync("shop", "api-idle", "abort");
        using var unknown = await Client.PostCommandAsync("shop", "api-idle", "delete");

        Assert.Equal(HttpStatusCode.Conflict, answer.StatusCode);
        Assert.Contains("no release is in progress for shop/api-idle: it is in phase Completed, so there is nothing to abort", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.DoesNotContain(GreylaneKeys.Command, (await Sandbox.ReadAsync("api-idle")).Metadata.Annotations.Keys);
    }

    [Fact]
    public async Task The_feed_sends_a_snapshot_then_each_change_of_a_release()
    {
        await Sandbox.DeployAsync("feed-change", Releases.TwoSteps, Releases.PausedAtStep1);
        await using var feed = await Client.StreamAsync();
        Assert.Equal("text/event-stream", feed.Response.Content.Headers.ContentType?.MediaType);
        await feed.WaitForAsync("a snapshot with feed-change", (type, data) => type == "snapshot" && Has(data, "feed-change"));

        await Sandbox.WriteStatusAsync("feed-change", Releases.PausedAtStep1 with { Phase = RolloutPhase.StepScaling, Step = 1 });

        var row = await feed.WaitForAsync("feed-change in StepScaling", (type, data) => type == "release" && Named(data, "feed-change") && data["phase"]!.GetValue<string>() == "StepScaling");
        Assert.Equal(2, row["step"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_feed_lists_again_and_keeps_following_when_a_watch_ends()
    {
        await Sandbox.DeployAsync("feed-reconnect", Releases.TwoSteps, Releases.PausedAtStep1);
        await using var server = await DashboardFixture.StartAsync(Sandbox.Client, watchTimeout: TimeSpan.FromSeconds(1));
        using var client = new DashboardClient(server);
        await using var feed = await client.StreamAsync();

        // The API server ends each watch after a second: every end is followed by a fresh list (a snapshot) and a new watch.
        await feed.WaitForAsync("a first snapshot", (type, _) => type == "snapshot");
        await feed.WaitForAsync("a snapshot after the first watch ended", (type, _) => type == "snapshot");
        await feed.WaitForAsync("a snapshot after the second watch ended", (type, _) => type == "snapshot");
        await Sandbox.WriteStatusAsync("feed-reconnect", Releases.PausedAtStep1 with { Phase = RolloutPhase.Aborting, Message = "aborted by test" });

        await feed.WaitForAsync(
            "feed-reconnect in Aborting, from a later watch",
            (type, data) => type is "release" or "snapshot" && Row(data, "feed-reconnect")?["phase"]?.GetValue<string>() == "Aborting");
    }

    private async Task<JsonNode> JsonAsync(string path)
    {
        using var answer = await Client.GetAsync(path);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{path}: {(int)answer.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    private static bool Named(JsonNode row, string name) => row["deployment"]?.GetValue<string>() == name;

    private static bool Has(JsonNode snapshot, string name) => snapshot["items"]!.AsArray().Any(i => Named(i!, name));

    private static JsonNode? Row(JsonNode data, string name) =>
        data["items"] is JsonArray items ? items.FirstOrDefault(i => Named(i!, name)) : Named(data, name) ? data : null;
}
