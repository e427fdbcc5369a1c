namespace Greylane.Demo.Setup;

/// <summary>A synchronous part (a log file, a logger factory) disposed with the environment in its turn (reverse start order).</summary>
internal sealed class OwnedDisposable(IDisposable part) : IAsyncDisposable
{
    public ValueTask DisposeAsync()
    {
        part.Dispose();
        return ValueTask.CompletedTask;
    }
}
