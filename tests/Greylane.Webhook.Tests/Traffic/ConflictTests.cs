using System.Net;
using System.Text.Json.Nodes;
using Greylane.Webhook.Traffic;
using k8s.Autorest;

namespace Greylane.Webhook.Traffic.Tests;

public sealed class ConflictTests
{
    private const string TwoSteps = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        steps:
          - replicas: 1
            matches: [{headers: [{name: my-request-id, value: canary}]}]
          - replicas: 1
            weight: 20
        """;

    [Fact]
    public async Task Routing_converges_when_a_fifth_of_the_writes_answer_409()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var conflicts = new ConflictInjector(0.2, seed: 6);
        var router = sandbox.Router(conflicts);
        var before = new[] { CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-mockb")), CoreFixtures.Essence(await sandbox.DestinationRuleAsync("dr-mockb")) };
        var release = await sandbox.ReleaseAsync("mockb-base", TwoSteps);
        var mocka = await sandbox.ReleaseAsync("mocka-base");

        for (var round = 0; round < 10; round++)
        {
            await AsTheQueueWould(() => router.ApplyAsync(release, 0, CancellationToken.None));
            await AsTheQueueWould(() => router.ApplyAsync(mocka, 0, CancellationToken.None));
            Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);
            Assert.True((await router.CheckAsync(mocka, 0, CancellationToken.None)).Applied);
            await AsTheQueueWould(() => router.ApplyAsync(release, 1, CancellationToken.None));
            Assert.True((await router.CheckAsync(release, 1, CancellationToken.None)).Applied);
            await AsTheQueueWould(() => router.RestoreAsync(release, CancellationToken.None));
            await AsTheQueueWould(() => router.RestoreAsync(mocka, CancellationToken.None));
            Assert.True((await router.CheckAsync(release, 1, CancellationToken.None)).Restored);
            Assert.True((await router.CheckAsync(mocka, 0, CancellationToken.None)).Restored);
        }

        Assert.InRange(conflicts.Injected, 10, conflicts.Writes);
        CoreFixtures.AssertJson(before[0], CoreFixtures.Essence(await sandbox.VirtualServiceAsync("vs-mockb")), "vs-mockb");
        CoreFixtures.AssertJson(before[1], CoreFixtures.Essence(await sandbox.DestinationRuleAsync("dr-mockb")), "dr-mockb");
    }

    [Fact]
    public async Task A_write_between_read_and_write_is_read_again_not_overwritten()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var meddler = new Meddler(sandbox);
        var router = sandbox.Router(meddler);
        var release = await sandbox.ReleaseAsync("mockb-base");

        var outcome = await router.ApplyAsync(release, 0, CancellationToken.None);

        Assert.True(meddler.Meddled);
        Assert.Empty(outcome.Errors);
        var http = (JsonArray)(await sandbox.VirtualServiceAsync("vs-mockb"))["spec"]!["http"]!;
        Assert.Equal(["greylane-mockb-base-1", null, "someone-elses"], http.Select(r => r?["name"]?.GetValue<string>()));
        Assert.True((await router.CheckAsync(release, 0, CancellationToken.None)).Applied);
    }

    [Fact]
    public async Task Conflicts_that_never_end_are_thrown_for_the_queue_to_retry()
    {
        await using var sandbox = await RoutingSandbox.StartAsync();
        var conflicts = new ConflictInjector(1.0, seed: 1);
        var release = await sandbox.ReleaseAsync("mockb-base");

        var thrown = await Assert.ThrowsAsync<HttpOperationException>(() => sandbox.Router(conflicts).ApplyAsync(release, 0, CancellationToken.None));

        Assert.Equal(HttpStatusCode.Conflict, thrown.Response.StatusCode);
        Assert.Equal(IstioTrafficRouter.MaxAttempts, conflicts.Writes);
    }

    // The controller's queue retries a reconcile that threw; here, a bounded number of times.
    private static async Task AsTheQueueWould(Func<Task<RoutingOutcome>> action)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                Assert.Empty((await action()).Errors);
                return;
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict && attempt < 5)
            {
            }
        }
    }

    /// <summary>Before the router's first write of vs-mockb, someone else adds a route to it (the router's copy is then stale).</summary>
    private sealed class Meddler(RoutingSandbox sandbox) : DelegatingHandler
    {
        public bool Meddled { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (!Meddled && request.Method == HttpMethod.Patch && request.RequestUri!.AbsolutePath.EndsWith("/virtualservices/vs-mockb", StringComparison.Ordinal))
            {
                Meddled = true;
                var vs = await sandbox.VirtualServiceAsync("vs-mockb");
                ((JsonArray)vs["spec"]!["http"]!).Add(JsonNode.Parse("""{"name": "someone-elses", "match": [{"uri": {"prefix": "/ops"}}], "route": [{"destination": {"host": "ops"}}]}"""));
                await sandbox.ReplaceAsync(vs);
            }

            return await base.SendAsync(request, cancellationToken);
        }
    }
}
