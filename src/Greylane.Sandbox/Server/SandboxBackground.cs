using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Server;

/// <summary>Starts the sandbox's built-in controllers next to the API server.</summary>
internal static class SandboxBackground
{
    // UNFINISHED until sandbox-ctrl's SandboxControllers is merged: no controllers run.
    public static IAsyncDisposable Start(IObjectStore store, SandboxOptions options, ILoggerFactory logs) => new Nothing();

    private sealed class Nothing : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
