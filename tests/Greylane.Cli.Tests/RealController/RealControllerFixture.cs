using Greylane.Cli.Support.Tests;

namespace Greylane.Cli.RealController.Tests;

/// <summary>A sandbox and Greylane's real controller process watching it, shared by the tests of one class.</summary>
public sealed class RealControllerFixture : IAsyncLifetime
{
    internal CliSandbox Sandbox { get; private set; } = null!;

    internal ControllerProcess Controller { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Sandbox = await CliSandbox.StartAsync();
        Controller = ControllerProcess.Start(Sandbox.KubeconfigPath);
    }

    public async Task DisposeAsync()
    {
        await Controller.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
