namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// Keeps <c>size</c> controller processes running, as a Deployment's ReplicaSet keeps its pods: whenever one dies (a
/// chaos rule killed it), a new one with a new identity is started, armed like the others.
/// </summary>
internal sealed class ControllerFleet(ChaosBed bed, int size, Action<ChaosProxy> arm) : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly List<ControllerProcess> _members = [];
    private Task _supervisor = Task.CompletedTask;

    /// <summary>Processes started after one died.</summary>
    public int Restarts { get; private set; }

    /// <summary>Starts the first process, waits for it to lead (with leader election), then the others, then supervises.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        var first = await bed.StartControllerAsync(arm, ct);
        _members.Add(first);
        if (bed.Settings.LeaderElection)
        {
            await bed.WaitForLeaderAsync(first, ct);
        }

        while (_members.Count < size)
        {
            _members.Add(await bed.StartControllerAsync(arm, ct));
        }

        var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stop.Token);
        _supervisor = Task.Run(() => SuperviseAsync(linked.Token), CancellationToken.None).ContinueWith(_ => linked.Dispose(), TaskScheduler.Default);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _supervisor;
        _stop.Dispose();
    }

    private async Task SuperviseAsync(CancellationToken ct)
    {
        try
        {
            while (!ct.IsCancellationRequested)
            {
                await Task.WhenAny(_members.Select(m => m.Exited)).WaitAsync(ct);
                _members.RemoveAll(m => m.Exited.IsCompleted);
                while (_members.Count < size)
                {
                    _members.Add(await bed.StartControllerAsync(arm, ct));
                    Restarts++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            bed.Findings.Add("harness", $"could not start a replacement controller: {e.Message}");
        }
    }
}
