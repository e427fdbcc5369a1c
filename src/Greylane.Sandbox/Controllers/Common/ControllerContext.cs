using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>What every controller reconcile needs: the store to write, the cache to read, the clock and a way to come back later.</summary>
internal sealed record ControllerContext(
    IObjectStore Store,
    ObjectCache Cache,
    SandboxOptions Options,
    Action<WorkKey, TimeSpan> RequeueAfter)
{
    public TimeProvider Time => Options.TimeProvider;

    public DateTimeOffset Now => Options.TimeProvider.GetUtcNow();
}
