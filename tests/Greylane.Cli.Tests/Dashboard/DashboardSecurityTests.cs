using System.Net;
using System.Text.RegularExpressions;
using Greylane.Cli.Dashboard;

namespace Greylane.Cli.Dashboard.Tests;

public sealed partial class DashboardSecurityTests(DashboardFixture fixture) : IClassFixture<DashboardFixture>
{
    private DashboardClient Client => fixture.Client;

    [Theory]
    [InlineData("/")]
    [InlineData("/assets/app.js")]
    [InlineData("/api/releases")]
    [InlineData("/api/stream")]
    public async Task A_request_without_the_token_is_refused(string path)
    {
        using var answer = await Client.GetAsync(path, withCookie: false);

        Assert.Equal(HttpStatusCode.Unauthorized, answer.StatusCode);
        Assert.Contains("missing or wrong token", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_token_in_the_address_or_the_cookie_is_refused()
    {
        using var query = await Client.GetAsync("/?token=guess", withCookie: false);
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(Client.Server.Origin, "/api/releases"));
        request.Headers.Add("Cookie", $"{DashboardGuard.CookieName(Client.Server.Port)}=guess");
        using var http = new HttpClient(new HttpClientHandler { UseCookies = false });
        using var cookie = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, query.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, cookie.StatusCode);
    }

    [Fact]
    public async Task The_first_load_sets_an_HttpOnly_SameSite_Strict_cookie_and_drops_the_token_from_the_address()
    {
        using var answer = await Client.GetAsync($"/?token={Client.Server.Token}", withCookie: false);

        Assert.Equal(HttpStatusCode.Redirect, answer.StatusCode);
        Assert.Equal("/", answer.Headers.Location?.ToString());
        var cookie = Assert.Single(answer.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith($"{DashboardGuard.CookieName(Client.Server.Port)}={Client.Server.Token};", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task With_the_cookie_the_page_and_its_files_are_served_from_the_plugin_itself()
    {
        using var page = await Client.GetAsync("/");
        using var script = await Client.GetAsync("/assets/app.js");
        using var style = await Client.GetAsync("/assets/app.css");
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/css", style.Content.Headers.ContentType?.MediaType);

        // Nothing from elsewhere, and no inline script (the policy would block it anyway).
        // (SVG's namespace name is an identifier, never fetched.)
        var everything = html + await script.Content.ReadAsStringAsync() + await style.Content.ReadAsStringAsync();
        Assert.DoesNotMatch(ExternalReference(), everything.Replace("http://www.w3.org/2000/svg", "", StringComparison.Ordinal));
        Assert.All(ScriptTag().Matches(html), m => Assert.Contains("src=\"/assets/", m.Value, StringComparison.Ordinal));
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:{port}")]
    [InlineData("127.0.0.1")]
    [InlineData("127.0.0.1:1")]
    [InlineData("localhost.evil.example:{port}")]
    public async Task A_foreign_Host_is_refused_even_with_the_token_against_DNS_rebinding(string host)
    {
        using var answer = await Client.GetAsync("/api/releases", host: host.Replace("{port}", Client.Server.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("is not this dashboard's", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Localhost_with_the_port_is_this_dashboard()
    {
        using var answer = await Client.GetAsync("/api/releases", host: $"localhost:{Client.Server.Port}");

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("http://evil.example")]
    [InlineData("null")]
    [InlineData("http://127.0.0.1:1")]
    public async Task A_command_from_another_origin_is_refused_before_it_reaches_the_cluster(string? origin)
    {
        using var answer = await Client.PostCommandAsync("shop", "anything", "abort", origin: origin);

        Assert.Equal(HttpStatusCode.Forbidden, answer.StatusCode);
        Assert.Contains("must come from this dashboard's own page", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task No_answer_carries_a_CORS_header()
    {
        using var get = await Client.GetAsync("/api/releases", origin: "http://evil.example");
        using var preflight = await Client.SendAsync(HttpMethod.Options, "/api/releases/shop/x/command", null, withCookie: true, null, "http://evil.example");
        using var refused = await Client.GetAsync("/api/releases", withCookie: false, origin: "http://evil.example");

        foreach (var answer in new[] { get, preflight, refused })
        {
            Assert.DoesNotContain(answer.Headers, h => h.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase));
        }
    }

    [Theory]
    [InlineData("/", true)]
    [InlineData("/api/releases", true)]
    [InlineData("/api/releases", false)]
    [InlineData("/nothing-here", true)]
    public async Task Every_answer_forbids_framing_sniffing_and_anything_from_elsewhere(string path, bool withCookie)
    {
        using var answer = await Client.GetAsync(path, withCookie);

        var policy = string.Join(";", answer.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.Equal("nosniff", Assert.Single(answer.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(answer.Headers.GetValues("X-Frame-Options")));
    }

    [GeneratedRegex(@"(https?:)?//[a-z0-9.-]+\.[a-z]{2,}/", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();

    [GeneratedRegex("<script[^>]*>")]
    private static partial Regex ScriptTag();
}
