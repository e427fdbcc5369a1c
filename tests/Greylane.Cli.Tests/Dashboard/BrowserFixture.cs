using Greylane.Cli.Dashboard;
using Greylane.Testing.Hosts;
using OpenQA.Selenium.Chrome;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>
/// Greylane's webhook and real controller on a sandbox (ControllerBed), a dashboard for its namespace, and one headless
/// chromium shared by the browser tests of a class; each test releases a Deployment of its own.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    public const string TwoManualSteps = """
        steps:
          - replicas: 1
            pause: manual
          - replicas: 1
            pause: manual
        """;

    private readonly string _profile = Directory.CreateTempSubdirectory("greylane-chromium-").FullName;

    public ControllerBed Bed { get; private set; } = null!;

    internal DashboardServer Server { get; private set; } = null!;

    internal ChromeDriver Browser { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Environment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // The browser first: without chromium the class fails at once, naming .ci/install-deps, before anything else starts.
        Browser = HeadlessChromium.Start(_profile);
        Bed = await ControllerBed.StartAsync();
        await Bed.StartControllerAsync(leaderElection: false);
        Environment = new Dictionary<string, string> { ["KUBECONFIG"] = Bed.KubeconfigPath, ["HOME"] = Bed.Directory };
        Server = await DashboardServer.StartAsync(Bed.Client, new DashboardOptions(ControllerBed.Namespace, 0, OpenBrowser: false), CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        Browser?.Quit();
        Browser?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        if (Bed is not null)
        {
            await Bed.DisposeAsync();
        }

        Directory.Delete(_profile, recursive: true);
    }
}
