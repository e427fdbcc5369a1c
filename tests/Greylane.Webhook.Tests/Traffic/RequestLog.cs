namespace Greylane.Webhook.Traffic.Tests;

/// <summary>Records every request a client sends ("METHOD path").</summary>
internal sealed class RequestLog : DelegatingHandler
{
    private readonly List<string> _requests = [];

    public IReadOnlyList<string> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public IReadOnlyList<string> Writes => [.. Requests.Where(r => !r.StartsWith("GET ", StringComparison.Ordinal))];

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add($"{request.Method} {request.RequestUri?.AbsolutePath}");
        }

        return base.SendAsync(request, cancellationToken);
    }
}
