using Greylane.Sandbox.Controllers;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Server;

/// <summary>Starts the sandbox's built-in controllers next to the API server.</summary>
internal static class SandboxBackground
{
    public static IAsyncDisposable Start(IObjectStore store, SandboxOptions options, ILoggerFactory logs) =>
        SandboxControllers.Start(store, options, logs);
}
