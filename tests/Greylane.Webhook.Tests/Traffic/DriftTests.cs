using System.Text.Json.Nodes;
using Greylane.Core;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class DriftTests
{
    private const string MaintenanceRoute = """
        {"name": "maintenance", "match": [{"headers": {"x-maintenance": {"exact": "1"}}}], "route": [{"destination": {"host": "maintenance-page"}}]}
        """;

    [Fact]
    public async Task A_route_reverted_mid_release_is_reported_as_drift_and_reasserted()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base");
        var original = (await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!.DeepClone();
        await router.ApplyAsync(release, 0, CancellationToken.None);
        var synced = await sandbox.VirtualServiceAsync("vs-mockb");
        synced["spec"] = original.DeepClone();
        await sandbox.ReplaceAsync(synced);

        var state = await router.CheckAsync(release, 0, CancellationToken.None);
        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.False(state.Applied);
        Assert.Empty(state.Errors);
        Assert.Contains(state.Drift, d => d.Contains("vs-mockb", StringComparison.Ordinal) && d.Contains("greylane-mockb-base-1", StringComparison.Ordinal));
        Assert.True(outcome.Changed);
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);
        CoreFixtures.AssertMatches(CoreFixtures.Expected("seed-mockb", "vs-mockb"), await sandbox.VirtualServiceAsync("vs-mockb"));
    }

    [Fact]
    public async Task A_canary_subset_removed_mid_release_is_put_back()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base");
        await router.ApplyAsync(release, 0, CancellationToken.None);
        var dr = await sandbox.DestinationRuleAsync("dr-mockb");
        ((JsonArray)dr["spec"]!["subsets"]!).RemoveAt(1);
        await sandbox.ReplaceAsync(dr);

        var state = await router.CheckAsync(release, 0, CancellationToken.None);
        await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.Contains(state.Drift, d => d.Contains("dr-mockb", StringComparison.Ordinal) && d.Contains("`canary`", StringComparison.Ordinal));
        CoreFixtures.AssertMatches(CoreFixtures.Expected("seed-mockb", "dr-mockb"), await sandbox.DestinationRuleAsync("dr-mockb"));
    }

    [Fact]
    public async Task Someone_elses_unrelated_edit_is_not_drift_and_survives_restore_with_a_note()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var router = sandbox.Router();
        var release = await sandbox.ReleaseAsync("mockb-base");
        await router.ApplyAsync(release, 0, CancellationToken.None);
        var edited = await sandbox.VirtualServiceAsync("vs-mockb");
        ((JsonArray)edited["spec"]!["http"]!).Add(JsonNode.Parse(MaintenanceRoute));
        await sandbox.ReplaceAsync(edited);

        var state = await router.CheckAsync(release, 0, CancellationToken.None);
        var again = await router.ApplyAsync(release, 0, CancellationToken.None);
        var outcome = await router.RestoreAsync(release, CancellationToken.None);

        Assert.True(state.Applied);
        Assert.Empty(state.Drift);
        Assert.False(again.Changed);
        Assert.Empty(outcome.Errors);
        Assert.Contains(outcome.Notes, n => n.Contains("vs-mockb", StringComparison.Ordinal));
        var restored = await sandbox.VirtualServiceAsync("vs-mockb");
        CoreFixtures.AssertJson(
            JsonNode.Parse($$$"""[{"route": [{"destination": {"host": "mockb", "subset": "version-base"}}]}, {{{MaintenanceRoute}}}]"""),
            restored["spec"]!["http"],
            "vs-mockb http");
        Assert.Null(restored["metadata"]?["annotations"]?[GreylaneKeys.Origin]);
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Restored);
    }
}
