using Microsoft.Extensions.Hosting;

namespace Greylane.Testing.Hosts;

/// <summary>One running controller (a replica of the Greylane Deployment).</summary>
public sealed class ControllerReplica(string identity, IHost host) : IAsyncDisposable
{
    private bool _stopped;

    public string Identity { get; } = identity;

    public IServiceProvider Services => host.Services;

    /// <summary>Stops the replica gracefully, as on SIGTERM: its work ends, then it hands its lease over.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        await host.StopAsync(TimeSpan.FromSeconds(5));
        host.Dispose();
    }
}
