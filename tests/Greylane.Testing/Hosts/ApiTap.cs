using System.Collections.Concurrent;
using System.Net;
using System.Text;

namespace Greylane.Testing.Hosts;

/// <summary>
/// Sits between a controller replica and the API server: records its writes and, when asked, answers a share of
/// them with 409 Conflict without passing them on (what a concurrent writer causes on a real cluster).
/// </summary>
public sealed class ApiTap(double conflictRate = 0, int seed = 7)
{
    private readonly Random _random = new(seed);
    private readonly Lock _gate = new();

    public ConcurrentQueue<string> Writes { get; } = new();

    public int InjectedConflicts;

    /// <summary>Writes whose path contains <paramref name="fragment"/> (e.g. "/replicasets"), by method.</summary>
    public int Count(string method, string fragment) =>
        Writes.Count(w => w.StartsWith(method + " ", StringComparison.Ordinal) && w.Contains(fragment, StringComparison.Ordinal));

    /// <summary>A handler for one client (a handler serves one client only); every handler reports here.</summary>
    public DelegatingHandler NewHandler() => new Handler(this);

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, Func<Task<HttpResponseMessage>> forward)
    {
        var path = request.RequestUri!.AbsolutePath;
        // Leader election's own Lease traffic is not the controller's work.
        if (request.Method == HttpMethod.Get || path.Contains("/leases", StringComparison.Ordinal))
        {
            return await forward();
        }

        Writes.Enqueue($"{request.Method} {path}");
        bool conflict;
        lock (_gate)
        {
            conflict = request.Method != HttpMethod.Delete && !path.Contains("/events", StringComparison.Ordinal) && _random.NextDouble() < conflictRate;
        }

        if (!conflict)
        {
            return await forward();
        }

        Interlocked.Increment(ref InjectedConflicts);
        return new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            RequestMessage = request,
            Content = new StringContent(
                """{"kind":"Status","apiVersion":"v1","status":"Failure","message":"Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","code":409}""",
                Encoding.UTF8,
                "application/json"),
        };
    }

    private sealed class Handler(ApiTap tap) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            tap.SendAsync(request, () => base.SendAsync(request, cancellationToken));
    }
}
