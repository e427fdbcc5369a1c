namespace Greylane.Playground.Support.Tests;

/// <summary>Requests through the playground's gateway, as <c>curl [-H 'my-request-id: canary'] $GREYLANE_GATEWAY/</c>.</summary>
public sealed class Gateway(string url) : IDisposable
{
    /// <summary>The mesh stand-in names the route and pod that served a request in this response header.</summary>
    public const string RouteHeader = "x-demo-route";

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task<(int Code, string Body, string Route)> GetAsync(bool lane)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url.TrimEnd('/') + "/");
        if (lane)
        {
            request.Headers.Add("my-request-id", "canary");
        }

        using var response = await _http.SendAsync(request);
        var route = response.Headers.TryGetValues(RouteHeader, out var values) ? string.Join(",", values) : "";
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(), route);
    }

    public void Dispose() => _http.Dispose();
}
