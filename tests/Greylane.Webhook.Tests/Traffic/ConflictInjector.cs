using System.Net;
using System.Text;

namespace Greylane.Webhook.Traffic.Tests;

/// <summary>
/// Answers a share of PUT and PATCH requests with the API server's 409 Conflict Status without forwarding them, as
/// if someone had written the object just before (seeded, so a run is repeatable).
/// </summary>
internal sealed class ConflictInjector(double rate, int seed) : DelegatingHandler
{
    private readonly Random _random = new(seed);

    public int Writes { get; private set; }

    public int Injected { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Method != HttpMethod.Put && request.Method != HttpMethod.Patch)
        {
            return base.SendAsync(request, cancellationToken);
        }

        Writes++;
        if (_random.NextDouble() >= rate)
        {
            return base.SendAsync(request, cancellationToken);
        }

        Injected++;
        var name = request.RequestUri?.Segments[^1];
        var status = $$"""
            {"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Operation cannot be fulfilled on {{name}}: the object has been modified; please apply your changes to the latest version and try again","reason":"Conflict","details":{"name":"{{name}}"},"code":409}
            """;
        return Task.FromResult(new HttpResponseMessage(HttpStatusCode.Conflict)
        {
            RequestMessage = request,
            Content = new StringContent(status, Encoding.UTF8, "application/json"),
        });
    }
}
