using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;

namespace Greylane.Benchmarks;

/// <summary>A bounded closed-loop load: a fixed number of connections posting the same review for a fixed time.</summary>
internal static class LoadRun
{
    public static HttpClient Client(Uri address, int connections) => new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
    })
    {
        BaseAddress = address,
        DefaultRequestVersion = HttpVersion.Version11,
        Timeout = TimeSpan.FromSeconds(10),
    };

    public static async Task<Latencies> RunAsync(string name, HttpClient client, byte[] body, int connections, TimeSpan duration, int maxRequests)
    {
        var result = new Latencies(name);
        var perWorker = new Latencies[connections];
        var stop = Stopwatch.StartNew();
        var issued = 0;
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async i =>
        {
            var mine = perWorker[i] = new Latencies(name);
            while (stop.Elapsed < duration && Interlocked.Increment(ref issued) <= maxRequests)
            {
                var started = Stopwatch.GetTimestamp();
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                using var response = await client.PostAsync("/mutate/deployments", content);
                response.EnsureSuccessStatusCode();
                _ = await response.Content.ReadAsByteArrayAsync();
                mine.Add(Stopwatch.GetElapsedTime(started));
            }
        }));
        result.Elapsed = stop.Elapsed;
        foreach (var worker in perWorker)
        {
            result.AddRange(worker);
        }

        return result;
    }
}
