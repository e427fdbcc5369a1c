using Greylane.Demo.Setup;

namespace Greylane.Demo.Traffic;

/// <summary>
/// A bounded trickle of requests to the gateway: every <c>period</c>, one without a lane header and (while
/// <see cref="LaneTraffic"/> is on) one with <c>my-request-id: canary</c>. About 10 requests a second in all, enough
/// for a rate over a few seconds of scrapes and cheap on a shared machine.
/// </summary>
internal sealed class TrafficTrickle : IAsyncDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(5) };
    private readonly CancellationTokenSource _stop = new();
    private readonly Uri _gateway;
    private readonly TimeSpan _period;
    private readonly Task _loop;

    public TrafficTrickle(Uri gateway, TimeSpan period)
    {
        _gateway = gateway;
        _period = period;
        _loop = Task.Run(RunAsync);
    }

    public TrafficTally Tally { get; } = new();

    /// <summary>Whether requests with the lane header are sent (off: the canary gets no traffic at all).</summary>
    public bool LaneTraffic { get; set; } = true;

    /// <summary>One request, as <c>curl [-H my-request-id:canary] GATEWAY</c> would show it.</summary>
    public async Task<(int Code, string Body)> SendAsync(bool lane, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, _gateway);
        if (lane)
        {
            request.Headers.Add(DemoNames.LaneHeader, DemoNames.LaneValue);
        }

        using var response = await _http.SendAsync(request, cancellationToken);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
        _http.Dispose();
    }

    private async Task RunAsync()
    {
        using var timer = new PeriodicTimer(_period);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await Task.WhenAll(OneAsync(false), LaneTraffic ? OneAsync(true) : Task.CompletedTask);
            }
        }
        catch (OperationCanceledException)
        {
            // Stopped.
        }
    }

    private async Task OneAsync(bool lane)
    {
        try
        {
            var (code, body) = await SendAsync(lane, _stop.Token);
            Tally.Add(lane, code, body);
        }
        catch (HttpRequestException e)
        {
            Tally.Add(lane, 0, e.Message);
        }
        catch (TaskCanceledException) when (!_stop.IsCancellationRequested)
        {
            Tally.Add(lane, 0, "timed out");
        }
    }
}
