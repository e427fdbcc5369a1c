using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Controllers;

/// <summary>Starts the sandbox's Deployment, ReplicaSet, pod-lifecycle and garbage-collection controllers against a store.</summary>
public static class SandboxControllers
{
    /// <summary>Subscribes to <paramref name="store"/> and reconciles until the returned handle is disposed.</summary>
    public static IAsyncDisposable Start(IObjectStore store, SandboxOptions options, ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggerFactory);
        return ControllerHost.Start(store, options, loggerFactory.CreateLogger("Greylane.Sandbox.Controllers"));
    }
}
