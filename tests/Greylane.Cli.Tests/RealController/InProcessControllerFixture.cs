using Greylane.Cli.Support.Tests;
using Greylane.Testing.Hosts;

namespace Greylane.Cli.RealController.Tests;

/// <summary>
/// Greylane's webhook and real controller run in-process against a sandbox (Greylane.Testing's ControllerBed), shared
/// by the tests of one class; each test releases a Deployment of its own.
/// </summary>
public sealed class InProcessControllerFixture : IAsyncLifetime
{
    /// <summary>Two steps that each wait for a person, so every command meets a release at rest.</summary>
    public const string TwoManualSteps = """
        steps:
          - replicas: 1
            pause: manual
          - replicas: 1
            pause: manual
        """;

    public ControllerBed Bed { get; private set; } = null!;

    /// <summary>The environment the CLI sees: KUBECONFIG of the bed, HOME in its scratch directory.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Bed = await ControllerBed.StartAsync();
        await Bed.StartControllerAsync(leaderElection: false);
        Environment = new Dictionary<string, string> { ["KUBECONFIG"] = Bed.KubeconfigPath, ["HOME"] = Bed.Directory };
    }

    public async Task DisposeAsync() => await Bed.DisposeAsync();

    /// <summary>An opted-in Deployment named <paramref name="name"/> whose release the controller has paused at step 1.</summary>
    public async Task ReleaseAsync(string name)
    {
        await Bed.DeployAsync(name, TwoManualSteps);
        await Bed.ReleaseToPauseAsync(name);
    }

    internal Task<CliRun> RunAsync(params string[] args) => CliRunner.RunAsync(Environment, args);
}
