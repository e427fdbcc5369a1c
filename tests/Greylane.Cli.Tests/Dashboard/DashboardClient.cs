using System.Net.Http.Headers;
using System.Text;
using Greylane.Cli.Dashboard;

namespace Greylane.Cli.Dashboard.Tests;

/// <summary>
/// Plain HTTP to a dashboard, with every header under the test's control (no cookie jar, no redirects followed), as a
/// browser or a hostile page would send it.
/// </summary>
internal sealed class DashboardClient(DashboardServer server) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(60) };

    public DashboardServer Server => server;

    /// <summary>The cookie the first load sets, as a browser would send it back.</summary>
    public string Cookie => $"{DashboardGuard.CookieName(server.Port)}={server.Token}";

    public string OwnOrigin => $"http://127.0.0.1:{server.Port}";

    public Task<HttpResponseMessage> GetAsync(string path, bool withCookie = true, string? host = null, string? origin = null) =>
        SendAsync(HttpMethod.Get, path, null, withCookie, host, origin);

    public Task<HttpResponseMessage> PostCommandAsync(string ns, string name, string command, bool withCookie = true, string? origin = "own") =>
        SendAsync(HttpMethod.Post, $"/api/releases/{ns}/{name}/command", $$"""{"command":"{{command}}"}""", withCookie, null, origin == "own" ? OwnOrigin : origin);

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string? json, bool withCookie, string? host, string? origin, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        using var request = new HttpRequestMessage(method, new Uri(server.Origin, path));
        if (withCookie)
        {
            request.Headers.Add("Cookie", Cookie);
        }

        if (host is not null)
        {
            request.Headers.Host = host;
        }

        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json"));
        }

        return await _http.SendAsync(request, completion);
    }

    /// <summary>Opens the live feed.</summary>
    public async Task<EventStream> StreamAsync()
    {
        var response = await SendAsync(HttpMethod.Get, "/api/stream", null, withCookie: true, null, null, HttpCompletionOption.ResponseHeadersRead);
        return new EventStream(response);
    }

    public void Dispose() => _http.Dispose();
}
