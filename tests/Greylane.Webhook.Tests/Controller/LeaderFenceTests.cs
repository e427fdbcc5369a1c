using System.Text.Json.Nodes;
using Greylane.Testing.Hosts;
using Greylane.Webhook.Controller;
using Greylane.Webhook.Controller.Leadership;
using Greylane.Webhook.Traffic;
using k8s;
using Microsoft.Extensions.Time.Testing;

namespace Greylane.Webhook.Controller.Tests;

public sealed class LeaderFenceTests
{
    private static readonly TimeSpan Writable = TimeSpan.FromSeconds(10);

    [Fact]
    public void A_leader_writes_while_its_last_renewal_is_fresh()
    {
        var time = new FakeTimeProvider();
        var fence = new LeaderFence(time);
        using var work = new CancellationTokenSource();
        fence.Open(time.GetTimestamp(), Writable, work);

        time.Advance(TimeSpan.FromSeconds(9));

        fence.EnsureOpen("patch");
        Assert.False(work.IsCancellationRequested);
    }

    [Fact]
    public void A_leader_that_resumes_after_a_pause_past_its_renewal_writes_nothing_and_its_work_is_cancelled()
    {
        var time = new FakeTimeProvider();
        var fence = new LeaderFence(time);
        using var work = new CancellationTokenSource();
        fence.Open(time.GetTimestamp(), Writable, work);

        // A frozen process: no timer ran while it was stopped, the clock moved on.
        time.AdjustTime(time.GetUtcNow() + TimeSpan.FromSeconds(76));
        var refused = Assert.Throws<OperationCanceledException>(() => fence.EnsureOpen("update VirtualService e2e/vs-mocka"));

        Assert.Contains("vs-mocka", refused.Message, StringComparison.Ordinal);
        Assert.True(work.IsCancellationRequested);
    }

    [Fact]
    public void Work_is_cancelled_the_moment_renewal_is_overdue_not_only_when_a_renewal_fails()
    {
        var time = new FakeTimeProvider();
        var fence = new LeaderFence(time);
        using var work = new CancellationTokenSource();
        fence.Open(time.GetTimestamp(), Writable, work);

        time.Advance(TimeSpan.FromSeconds(10));

        Assert.True(work.IsCancellationRequested);
    }

    [Fact]
    public void Each_successful_renewal_keeps_the_fence_open_for_another_deadline()
    {
        var time = new FakeTimeProvider();
        var fence = new LeaderFence(time);
        using var work = new CancellationTokenSource();
        fence.Open(time.GetTimestamp(), Writable, work);

        for (var i = 0; i < 10; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
            fence.Extend(time.GetTimestamp(), Writable);
        }

        Assert.False(work.IsCancellationRequested);
        Assert.Equal(Writable, fence.Remaining());
    }

    [Fact]
    public void Without_leader_election_the_fence_is_always_open()
    {
        var fence = new LeaderFence(new FakeTimeProvider());
        fence.OpenForGood();

        fence.EnsureOpen("patch");
    }

    [Fact]
    public void A_replica_that_never_led_writes_nothing() =>
        Assert.Throws<OperationCanceledException>(() => new LeaderFence(new FakeTimeProvider()).EnsureOpen("patch"));

    [Fact]
    public async Task No_write_of_the_controller_or_the_router_reaches_the_api_once_the_fence_is_closed()
    {
        await using var bed = await ControllerBed.StartAsync();
        var tap = new ApiTap();
        using var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(bed.KubeconfigPath), tap.NewHandler());
        var time = new FakeTimeProvider();
        var fence = new LeaderFence(time);
        using var work = new CancellationTokenSource();
        fence.Open(time.GetTimestamp(), Writable, work);
        time.Advance(Writable);
        var cluster = new ClusterClient(client, fence);
        var routing = new RoutingApi(client, fence);
        var service = new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Service", ["metadata"] = new JsonObject { ["name"] = "web" } };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.PatchDeploymentAsync("shop", "web", new JsonObject(), default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.ScaleReplicaSetAsync("shop", "web-canary-1", 2, default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cluster.DeleteReplicaSetAsync("shop", "web-canary-1", default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routing.CreateAsync(service, "shop", default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routing.PatchAsync(service, new JsonObject { ["metadata"] = new JsonObject { ["name"] = "web", ["labels"] = new JsonObject { ["a"] = "b" } } }, "shop", default));
        var owned = service.DeepClone().AsObject();
        owned["metadata"]!["managedFields"] = new JsonArray(new JsonObject { ["manager"] = "greylane", ["operation"] = "Update" });
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routing.ReleaseAsync(owned, "shop", default));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => routing.DeleteServiceAsync("shop", "web-canary", null, default));

        Assert.Empty(tap.Writes);
    }
}
