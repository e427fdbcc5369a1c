using Greylane.Cli.Dashboard;
using Greylane.Cli.Support.Tests;
using k8s;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>A sandbox and a dashboard serving its namespace <c>shop</c>, shared by the tests of one class; each test uses Deployments of its own.</summary>
public sealed class DashboardFixture : IAsyncLifetime
{
    internal CliSandbox Sandbox { get; private set; } = null!;

    internal DashboardServer Server { get; private set; } = null!;

    internal DashboardClient Client { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await CliSandbox.StartAsync();
        Server = await StartAsync(Sandbox.Client);
        Client = new DashboardClient(Server);
    }

    /// <summary>Another dashboard on the same sandbox (or through a proxy), e.g. with short watches.</summary>
    internal static Task<DashboardServer> StartAsync(IKubernetes client, TimeSpan? watchTimeout = null) =>
        DashboardServer.StartAsync(client, new DashboardOptions(CliSandbox.Namespace, 0, OpenBrowser: false) { WatchTimeout = watchTimeout ?? TimeSpan.FromMinutes(5) }, CancellationToken.None);

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
