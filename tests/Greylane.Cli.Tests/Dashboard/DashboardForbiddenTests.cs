using System.Net;
using Greylane.Cli.Status.Tests;
using Greylane.Cli.Support.Tests;
using k8s;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>
/// Kubernetes RBAC decides what the dashboard shows and does. The sandbox has no RBAC, so a loopback proxy answers
/// 403 Forbidden as kube-apiserver words it, for a user who may not list (or patch) Deployments.
/// </summary>
public sealed class DashboardForbiddenTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    [Fact]
    public async Task A_user_who_may_not_list_Deployments_sees_the_API_servers_403()
    {
        await using var proxy = ForbiddingProxy.Start(fixture.Sandbox.Server.BaseAddress, "deployments");
        await using var server = await DashboardFixture.StartAsync(ClientThrough(proxy));
        using var client = new DashboardClient(server);

        using var answer = await client.GetAsync("/api/releases");
        await using var feed = await client.StreamAsync();
        var problem = await feed.WaitForAsync("a problem on the feed", (type, _) => type == "problem");

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        var text = await answer.Content.ReadAsStringAsync();
        Assert.Contains("refused this with your credentials (403 Forbidden)", text, StringComparison.Ordinal);
        Assert.Contains("cannot list resource", text, StringComparison.Ordinal);
        Assert.Equal(403, problem["status"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_user_who_may_read_but_not_patch_gets_403_for_a_command()
    {
        await fixture.Sandbox.DeployAsync("forbidden-command", Releases.TwoSteps, Releases.PausedAtStep1);
        await using var proxy = ForbiddingProxy.StartForMethod(fixture.Sandbox.Server.BaseAddress, "PATCH", "deployments");
        await using var server = await DashboardFixture.StartAsync(ClientThrough(proxy));
        using var client = new DashboardClient(server);

        using var answer = await client.PostCommandAsync("shop", "forbidden-command", "abort");
        var text = await answer.Content.ReadAsStringAsync();

        Assert.True(answer.StatusCode == HttpStatusCode.Forbidden, $"{(int)answer.StatusCode}: {text}");
        Assert.Contains("403 Forbidden", text, StringComparison.Ordinal);
        Assert.DoesNotContain("greylane.dev/command", (await fixture.Sandbox.ReadAsync("forbidden-command")).Metadata.Annotations.Keys);
    }

    private Kubernetes ClientThrough(ForbiddingProxy proxy) =>
        new(KubernetesClientConfiguration.BuildConfigFromConfigFile(proxy.Kubeconfig(fixture.Sandbox.KubeconfigPath, Path.Combine(fixture.Sandbox.Directory, $"proxy-{Guid.NewGuid():N}.kubeconfig"))));
}
